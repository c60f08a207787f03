package dev.lacy.trainer;

import dev.lacy.core.format.PretrainingCaptions;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.data.Sample;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.format.ReferentsFormat;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.format.SelfGeneratedTargets;
import dev.lacy.core.language.TrainingTargets;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PixelValues;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.util.WorkerPools;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training sequences: each is an image, a prompt and a completion, tokenized as the runtime will
 * see them (the prompt without {@code <image>}, image tokens first; the completion and
 * {@code <eos>} are the targets). Images are resized once to the model's size and kept as bytes;
 * images with a known scene also carry dense labels (the object whose center lies in each cell,
 * and the center's offset in the cell).
 */
final class TrainingExamples {

    /** One sequence: {@code ids} = prompt then completion then {@code <eos>}; targets start at {@code promptLength}. */
    record Example(int image, long[] ids, int promptLength, LacyTask task) {
    }

    private final int size;
    private final int grid;
    private final LacyTokenizer tokenizer;
    private final List<String> classes;
    private final List<byte[]> images = new ArrayList<>();
    private final List<int[]> denseClasses = new ArrayList<>();
    private final List<float[]> denseOffsets = new ArrayList<>();
    /**
     * Images already converted, by the camera image (compared by content), held weakly: samples that share an observation
     * (a demonstration's L2A and A2L) share its pixels without converting it again, and an image the caller no longer
     * holds (a store's view reads each sample when reached) is not kept alive by this map.
     */
    private final Map<RgbImage, Integer> imageIndex = new java.util.WeakHashMap<>();
    /**
     * Images already converted, by their converted content, held for the whole run: a demonstration's L2C pairs are
     * stored with copies of its image and read after the weak map above has let the demonstration's go; kept once, four
     * pairs per demonstration cost no pixels of their own (peak resident 2.7-2.8 GiB instead of 3.1-3.7 GiB).
     */
    private final Map<Integer, List<Integer>> byContent = new java.util.HashMap<>();
    private final List<Example> examples = new ArrayList<>();
    /** The frozen vision encoder's features by image, once {@link #freeze} has computed them; the pixels are then gone. */
    private final Map<Integer, float[]> features = new java.util.HashMap<>();
    private final InstructionTemplates templates = new InstructionTemplates();
    private final ReferentsFormat referents = new ReferentsFormat();
    private final InstructionParser parser = new InstructionParser();
    private final SpatialDescriber describer = new SpatialDescriber(SpatialThresholds.PAPER);

    TrainingExamples(int imageSize, int grid, LacyTokenizer tokenizer, List<String> classes) {
        this.size = imageSize;
        this.grid = grid;
        this.tokenizer = tokenizer;
        this.classes = List.copyOf(classes);
    }

    /** Grounding (the CoT step as its own task) and four grounded captions (three with one object), for base pretraining. */
    void addPretraining(GroundingSample sample, PromptFormat format, SplittableRandom random) {
        Scene scene = sample.observation().groundTruth().orElseThrow();
        int image = image(sample.observation());
        add(image, format.groundingPrompt(), format.groundingTarget(scene), LacyTask.GROUNDING);
        // grounded captions: the grounding sentence first, then an answer that refers back to it, by name (the
        // coordinates are copied, as L2A copies its pick point) and by place (the name is found, as A2L finds it)
        var objects = new ArrayList<>(scene.objects());
        String reasoning = format.groundingTarget(scene) + format.reasoningEnd();
        SceneObject named = objects.remove(random.nextInt(objects.size()));
        String where = PretrainingCaptions.whereAnswer(scene, named);
        add(image, PretrainingCaptions.wherePrompt(named.name()), reasoning + where, LacyTask.GROUNDING);
        SceneObject placed = objects.isEmpty() ? named : objects.get(random.nextInt(objects.size()));
        add(image, PretrainingCaptions.whatPrompt(placed.center()), reasoning + PretrainingCaptions.whatAnswer(placed),
                LacyTask.GROUNDING);
        // and an instruction read back as the L2A chain of thought reads it: its placement, then its target; then a
        // second one that always places relative to another object, the computation L2A's line misses most
        boolean taught = format.pickPhrases();
        addAsked(image, scene, reasoning, PretrainingCaptions.randomInstruction(scene, random), taught, random);
        PretrainingCaptions.randomRelativeInstruction(scene, random)
                .ifPresent(relative -> addAsked(image, scene, reasoning, relative, taught, random));
    }

    /**
     * "What does the instruction ask for?" about {@code asked}, answered with the grounding and the referents line; with
     * {@code taught} ({@link PromptFormat#pickPhrases()}) that line is the one L2A is taught, the instruction's pick phrase
     * and the place point L2A would give ({@link PretrainingCaptions#taughtPlaceOf}).
     */
    private void addAsked(int image, Scene scene, String reasoning, Instruction asked, boolean taught, SplittableRandom random) {
        String instruction = templates.render(asked, random);
        String prompt = PretrainingCaptions.askPrompt(instruction);
        String line = taught
                ? referents.write(scene, asked, parser.pickPhrase(instruction, asked),
                        PretrainingCaptions.taughtPlaceOf(scene, asked, describer).orElse(null), null)
                : referents.write(scene, asked, PretrainingCaptions.placeOf(scene, asked, describer, random).orElse(null));
        add(image, prompt, reasoning + line, LacyTask.GROUNDING);
    }

    void addDemonstration(Demonstration demo, PromptFormat format, boolean l2a, boolean a2l) {
        append(image(demo.observation()), demonstrationTexts(demo, format, l2a, a2l));
    }

    /** A demonstration's sequences, without its image: what {@link #addDemonstration} adds. Thread-safe. */
    private List<Text> demonstrationTexts(Demonstration demo, PromptFormat format, boolean l2a, boolean a2l) {
        var texts = new ArrayList<Text>(2);
        if (demo.observation().groundTruth().isEmpty() && (demo.reasoning().isPresent() || !format.chainOfThought())) {
            // a triplet Algorithm 1 accepted from an observation without a known scene: taught to L2A with the model's
            // own reasoning and the action as accepted. Not to A2L: taught the instruction it was verified against,
            // A2L lost 5 to 7 points on 500 unseen scenes (docs/experiments/2026-12-03-closing-the-cycle.md)
            if (l2a) {
                texts.add(text(format.l2aPrompt(demo.instruction()), SelfGeneratedTargets.l2aWithoutScene(format, demo),
                        LacyTask.L2A));
            }
            return texts;
        }
        Scene scene = scene(demo.observation(), "demonstration");
        if (l2a) {
            texts.add(text(format.l2aPrompt(demo.instruction()), format.l2aTarget(scene, demo.instruction(),
                    TrainingTargets.l2aAction(describer, scene, demo.instruction(), demo.action())),
                    LacyTask.L2A));
        }
        if (a2l) {
            // one description per action, not the demonstration's own wording (docs/experiments/2026-11-trainer-design.md, "A2L's target")
            String description = TrainingTargets.a2lDescription(describer, templates, scene, demo.instruction(), demo.action());
            texts.add(text(format.a2lPrompt(demo.action()), format.a2lTarget(scene, demo.action(), description), LacyTask.A2L));
        }
        return texts;
    }

    void addConsistency(ConsistencySample sample, PromptFormat format) {
        List<Text> texts = consistencyTexts(sample, format);
        append(image(sample.observation()), texts);
    }

    /** A consistency pair's sequence, without its image: what {@link #addConsistency} adds. Thread-safe. */
    private List<Text> consistencyTexts(ConsistencySample sample, PromptFormat format) {
        Scene scene = scene(sample.observation(), "consistency sample");
        return List.of(text(format.l2cPrompt(sample.first(), sample.second()),
                format.l2cTarget(scene, sample.first(), sample.second(), sample.consistent()), LacyTask.L2C));
    }

    /** Samples formatted and tokenized ahead of the adding, at most this many per thread. */
    private static final int AHEAD = 256;

    /**
     * Adds {@code demonstrations} ({@link #addDemonstration} with L2A and A2L), then {@code pairs} ({@link
     * #addConsistency}): the same examples in the same order, with each sample's texts formatted and tokenized on
     * {@code threads} threads ahead of the adding (most of a fine-tune's start-up). Each sample is read from its list,
     * its image converted and its examples added in order, on the calling thread; the first failing sample's error is
     * thrown as the one-by-one adding would throw it.
     */
    void addAll(List<Demonstration> demonstrations, List<ConsistencySample> pairs, PromptFormat format, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (threads == 1) {
            demonstrations.forEach(demo -> addDemonstration(demo, format, true, true));
            pairs.forEach(pair -> addConsistency(pair, format));
            return;
        }
        var pool = WorkerPools.daemons(threads, "training-examples");
        try {
            var pending = new java.util.ArrayDeque<Map.Entry<Observation, java.util.concurrent.Future<List<Text>>>>();
            int total = demonstrations.size() + pairs.size();
            for (int i = 0; i < total; i++) {
                Sample sample;
                try {
                    sample = i < demonstrations.size() ? demonstrations.get(i) : pairs.get(i - demonstrations.size());
                } catch (RuntimeException unreadable) {
                    // the samples before it first, as one by one: an earlier sample's error wins
                    while (!pending.isEmpty()) {
                        appendFirst(pending);
                    }
                    throw unreadable;
                }
                pending.add(Map.entry(sample.observation(), pool.submit(() -> sample instanceof Demonstration demo
                        ? demonstrationTexts(demo, format, true, true) : consistencyTexts((ConsistencySample) sample, format))));
                if (pending.size() >= AHEAD * threads) {
                    appendFirst(pending);
                }
            }
            while (!pending.isEmpty()) {
                appendFirst(pending);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void appendFirst(java.util.Deque<Map.Entry<Observation, java.util.concurrent.Future<List<Text>>>> pending) {
        var next = pending.removeFirst();
        List<Text> texts;
        try {
            texts = next.getValue().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the training examples", e);
        }
        append(image(next.getKey()), texts);
    }

    private static Scene scene(Observation observation, String what) {
        return observation.groundTruth().orElseThrow(() -> new IllegalArgumentException("a " + what
                + " without its ground-truth scene cannot be trained with chain of thought: the grounding step needs it"));
    }

    private void add(int image, String prompt, String completion, LacyTask task) {
        append(image, List.of(text(prompt, completion, task)));
    }

    /** A sequence's tokens: the prompt (without {@code <image>}), then the completion and {@code <eos>}. */
    private record Text(long[] ids, int promptLength, LacyTask task) {
    }

    /** The sequence of {@code prompt} and {@code completion}, tokenized (thread-safe). */
    private Text text(String prompt, String completion, LacyTask task) {
        long[] promptIds = tokenizer.encode(prompt.replace(LacyPromptFormat.IMAGE, ""));
        long[] completionIds = tokenizer.encode(completion);
        for (long[] encoded : List.of(promptIds, completionIds)) {
            for (long id : encoded) {
                if (id == 0) {
                    throw new IllegalArgumentException("a " + task + " training text has a character outside the "
                            + "tokenizer's ASCII vocabulary: " + (encoded == promptIds ? prompt : completion));
                }
            }
        }
        long[] ids = new long[promptIds.length + completionIds.length + 1];
        System.arraycopy(promptIds, 0, ids, 0, promptIds.length);
        System.arraycopy(completionIds, 0, ids, promptIds.length, completionIds.length);
        ids[ids.length - 1] = LacyTokenizer.EOS;
        return new Text(ids, promptIds.length, task);
    }

    private void append(int image, List<Text> texts) {
        for (Text text : texts) {
            examples.add(new Example(image, text.ids(), text.promptLength(), text.task()));
        }
    }

    /**
     * The image's index: samples that share an observation share its pixels (looked up by identity, held weakly), and
     * an image is kept only at the model's resolution, never by its camera image.
     */
    private int image(Observation observation) {
        if (!features.isEmpty()) {
            throw new IllegalStateException("an example added after the frozen features were computed: add every "
                    + "example before training");
        }
        Integer known = imageIndex.get(observation.image());
        if (known != null) {
            return known;
        }
        float[] values = PixelValues.of(observation.image(), size, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.round(values[i] * 255);
        }
        int[] cls = new int[grid * grid];
        float[] offsets = new float[grid * grid * 2];
        observation.groundTruth().ifPresent(scene -> {
            for (SceneObject object : scene.objects()) {
                double gx = object.center().x() * grid;
                double gy = object.center().y() * grid;
                int col = Math.min(grid - 1, (int) gx);
                int row = Math.min(grid - 1, (int) gy);
                int cell = row * grid + col;
                int index = classes.indexOf(object.name());
                if (cls[cell] == 0 && index >= 0) {
                    cls[cell] = index + 1;
                    offsets[2 * cell] = (float) (gx - col);
                    offsets[2 * cell + 1] = (float) (gy - row);
                }
            }
        });
        int key = (Arrays.hashCode(bytes) * 31 + Arrays.hashCode(cls)) * 31 + Arrays.hashCode(offsets);
        List<Integer> sameKey = byContent.computeIfAbsent(key, k -> new ArrayList<>(1));
        for (int candidate : sameKey) {
            if (Arrays.equals(images.get(candidate), bytes) && Arrays.equals(denseClasses.get(candidate), cls)
                    && Arrays.equals(denseOffsets.get(candidate), offsets)) {
                imageIndex.put(observation.image(), candidate);
                return candidate;
            }
        }
        int index = images.size();
        images.add(bytes);
        denseClasses.add(cls);
        denseOffsets.add(offsets);
        sameKey.add(index);
        imageIndex.put(observation.image(), index);
        return index;
    }

    List<Example> examples() {
        return examples;
    }

    /**
     * The examples a fine-tune reads: each L2C example once, each other example (L2A's, A2L's) {@code r} times, where
     * {@code r} is the number of L2C examples per other example, rounded, at least 1. The data holds sixteen L2C pairs per
     * demonstration and one L2A and one A2L example: read as they are, L2C would take eight ninths of the steps (with
     * four pairs, two thirds of them cost L2A and A2L 2 and 10 points: docs/experiments/2026-12-04-stronger-model.md,
     * "Four L2C pairs per demonstration"); repeated, each task keeps the share it had with two pairs per demonstration.
     */
    List<Example> balanced() {
        long l2c = examples.stream().filter(e -> e.task() == LacyTask.L2C).count();
        long others = examples.size() - l2c;
        int repeats = others == 0 ? 1 : (int) Math.max(1, Math.round((double) l2c / others));
        if (repeats == 1) {
            return examples;
        }
        var balanced = new ArrayList<Example>((int) (l2c + repeats * others));
        for (Example example : examples) {
            for (int i = 0, n = example.task() == LacyTask.L2C ? 1 : repeats; i < n; i++) {
                balanced.add(example);
            }
        }
        return balanced;
    }

    /** The frozen vision encoder: the features of {@code count} images' pixel values, {@code imageTokens x hidden} each. */
    @FunctionalInterface
    interface FrozenVision {
        float[] features(float[] pixels, int count);
    }

    /**
     * Computes the frozen vision encoder's features of every image of {@code ids} that has none yet, by {@code vision}
     * over chunks of at most {@code chunk} images in the order given (so that a resumed run computes the same), and lets
     * each image's pixels go once it has them: an adapter's training reads the features only, and the next adapter
     * trained on the same data (LACY-Ind) reuses them. At the default sizes an image then costs its 32 KB of features
     * instead of those and its 49 KB of pixels; at 224 x 224 pixels, 147 KB.
     */
    void freeze(int[] ids, int chunk, FrozenVision vision) {
        int[] missing = Arrays.stream(ids).filter(id -> !features.containsKey(id)).toArray();
        for (int from = 0; from < missing.length; from += chunk) {
            int n = Math.min(chunk, missing.length - from);
            int pixelCount = images.get(missing[from]).length;
            float[] pixels = new float[n * pixelCount];
            for (int i = 0; i < n; i++) {
                pixels(missing[from + i], pixels, i * pixelCount);
            }
            float[] computed = vision.features(pixels, n);
            int per = computed.length / n;
            for (int i = 0; i < n; i++) {
                features.put(missing[from + i], Arrays.copyOfRange(computed, i * per, (i + 1) * per));
                images.set(missing[from + i], null);
            }
        }
    }

    /** The frozen features {@link #freeze} computed for {@code image}. */
    float[] features(int image) {
        float[] computed = features.get(image);
        if (computed == null) {
            throw new IllegalStateException("image " + image + " has no frozen features: freeze it first");
        }
        return computed;
    }

    /** Pixel values as the runtime computes them (mean 0.5, std 0.5), from the stored bytes. */
    void pixels(int image, float[] out, int offset) {
        byte[] bytes = images.get(image);
        if (bytes == null) {
            throw new IllegalStateException("image " + image + ": its pixels were let go once its frozen features were "
                    + "computed; a run that trains the vision encoder needs data of its own");
        }
        for (int i = 0; i < bytes.length; i++) {
            out[offset + i] = ((bytes[i] & 0xff) / 255f - 0.5f) / 0.5f;
        }
    }

    int[] denseClasses(int image) {
        return denseClasses.get(image);
    }

    float[] denseOffsets(int image) {
        return denseOffsets.get(image);
    }

    int imageCount() {
        return images.size();
    }
}
