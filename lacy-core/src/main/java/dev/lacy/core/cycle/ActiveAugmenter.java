package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.data.SeedStreams;
import dev.lacy.core.format.GroundedObject;
import dev.lacy.core.format.GroundingFormat;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Algorithm 1 of the paper, confidence-based active data augmentation with majority voting: a single
 * deterministic L2A2L pass; only when its confidence {@code c <= tau}, N stochastic L2A actions, and
 * for each distinct one N stochastic A2L descriptions, each scored by L2C against the original
 * instruction; an action is kept when at least {@code nu} of its N descriptions reach {@code c >= tau}.
 * {@link AugmentationSettings} says how the grounding is shared and how many actions an example keeps.
 *
 * <p>Malformed model outputs are counted, never silently dropped: a malformed first-pass action or
 * description counts as confidence 0 (so the example is sampled); a malformed candidate action is
 * not explained; a malformed description is a vote against its action (it has no L2C call).
 *
 * <p>An accepted triplet carries only what the model produced: the image (not the scene, which a
 * simulated example may know for measurement), the instruction, the action, and the model's reasoning
 * before the action (with chain of thought), which is what it is trained with.
 *
 * <p>Sampling seeds derive from the settings' seed and the example's index, so a run over the same
 * data gives the same result, and an interrupted run can resume at any example.
 */
public final class ActiveAugmenter {

    private final Lacy lacy;
    private final AugmentationSettings settings;
    private final L2a2lPipeline pipeline;
    private final GroundingCheck check = new GroundingCheck();
    private final GroundingFormat groundingFormat = new GroundingFormat();

    public ActiveAugmenter(Lacy lacy, AugmentationSettings settings) {
        this.lacy = lacy;
        this.settings = settings;
        this.pipeline = new L2a2lPipeline(lacy);
    }

    public AugmentationSettings settings() {
        return settings;
    }

    /** Algorithm 1 over a whole dataset. */
    public AugmentationResult augment(List<Demonstration> dataset) {
        var added = new ArrayList<Demonstration>();
        var steps = new ArrayList<AugmentationStep>(dataset.size());
        for (int i = 0; i < dataset.size(); i++) {
            AugmentationStep step = augment(dataset.get(i), i);
            steps.add(step);
            added.addAll(step.accepted());
        }
        var augmented = new ArrayList<Demonstration>(dataset.size() + added.size());
        augmented.addAll(dataset);
        augmented.addAll(added);
        return new AugmentationResult(augmented, added, steps);
    }

    /** Algorithm 1's loop body for a demonstration's observation and instruction (its action is not read). */
    public AugmentationStep augment(Demonstration example, long index) {
        return augment(InstructionSample.of(example), index);
    }

    /** Algorithm 1's loop body for one example; {@code index} seeds its sampling. */
    public AugmentationStep augment(InstructionSample example, long index) {
        return augmentAll(List.of(example), index).get(0);
    }

    /**
     * Algorithm 1's loop body for consecutive examples, the first of them at {@code firstIndex} (which seeds the
     * sampling as {@link #augment(InstructionSample, long)} does): their deterministic passes computed together ({@link
     * L2a2lPipeline#runAll}: a few large model calls instead of three per example), then each example's sampling where
     * its confidence asks for it. Each step is the one {@code augment} gives, up to a batch's float rounding in a logit.
     */
    public List<AugmentationStep> augmentAll(List<InstructionSample> examples, long firstIndex) {
        List<L2a2lPipeline.Cycle> cycles = pipeline.runAll(examples.stream().map(e -> e.observation().image()).toList(),
                examples.stream().map(InstructionSample::instruction).toList(), settings.sharedGrounding());
        var steps = new ArrayList<AugmentationStep>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            steps.add(afterFirstPass(examples.get(i), firstIndex + i, cycles.get(i)));
        }
        return List.copyOf(steps);
    }

    /** The loop body after the deterministic pass {@code cycle}: sampling, description and the vote where needed. */
    private AugmentationStep afterFirstPass(InstructionSample example, long index, L2a2lPipeline.Cycle cycle) {
        RgbImage image = example.observation().image();
        String instruction = example.instruction();
        TaskAnswer<PickPlaceAction> first = cycle.action();
        String given = settings.sharedGrounding() ? lacy.groundingOf(first) : "";
        double confidence = cycle.confidence();
        // with the check, an action that contradicts its own grounding is sampled however confident L2C is in it
        boolean contradicted = first.parsed().isPresent() && !grounded(first, instruction);
        if (confidence > settings.tau() && !contradicted) {
            return AugmentationStep.confident(confidence, first.parsed());
        }
        int n = settings.samples();
        List<TaskAnswer<PickPlaceAction>> samples = lacy.l2a(image, instruction, n, seeded(index, 0), given);
        // distinct well-formed actions in the order first sampled, each with the index of its first sample (its stream)
        var distinct = new LinkedHashMap<PickPlaceAction, Integer>();
        var counts = new HashMap<PickPlaceAction, Integer>();
        var firstAnswer = new HashMap<PickPlaceAction, TaskAnswer<PickPlaceAction>>();
        int malformedCandidates = 0;
        for (int i = 0; i < samples.size(); i++) {
            Optional<PickPlaceAction> action = samples.get(i).parsed();
            if (action.isEmpty()) {
                malformedCandidates++;
                continue;
            }
            distinct.putIfAbsent(action.get(), i);
            firstAnswer.putIfAbsent(action.get(), samples.get(i));
            counts.merge(action.get(), 1, Integer::sum);
        }
        var verified = new ArrayList<AugmentationStep.VerifiedCandidate>();
        var descriptionsMalformed = new int[1];
        // candidates are described in batches: N descriptions of each in one model call, and the L2C verdicts of the
        // new distinct descriptions in one more (L2C is greedy and reads only the instruction, a description and the
        // grounding: a description that several candidates share is scored once); each answer is what its own call
        // would give. With one action kept per example, a candidate that won every vote and has at least as many samples
        // as any candidate still to come cannot be beaten (ties keep the sampled order): the rest count as not
        // explained, so the first candidate is described alone, and each later batch holds the candidates the best so
        // far cannot rule out
        var seeds = new HashMap<PickPlaceAction, Decoding>();
        var grounded = new ArrayList<PickPlaceAction>();
        for (Map.Entry<PickPlaceAction, Integer> candidate : distinct.entrySet()) {
            if (grounded(firstAnswer.get(candidate.getKey()), instruction)) {
                grounded.add(candidate.getKey());
                seeds.put(candidate.getKey(), seeded(index, candidate.getValue() + 1));
            }
        }
        var descriptions = new HashMap<PickPlaceAction, List<TaskAnswer<String>>>();
        var verdicts = new HashMap<String, Boolean>();
        AugmentationStep.VerifiedCandidate best = null;
        for (Map.Entry<PickPlaceAction, Integer> candidate : distinct.entrySet()) {
            PickPlaceAction action = candidate.getKey();
            int samplesOfIt = counts.get(action);
            if (!seeds.containsKey(action)) {
                verified.add(new AugmentationStep.VerifiedCandidate(action, samplesOfIt, false, 0, 0, false));
                continue;
            }
            if (outranked(best, samplesOfIt, n)) {
                verified.add(new AugmentationStep.VerifiedCandidate(action, samplesOfIt, true, 0, 0, false));
                continue;
            }
            if (!descriptions.containsKey(action)) {
                var batch = new ArrayList<PickPlaceAction>(List.of(action));
                if (settings.perExample() != 1 || best != null) {
                    for (PickPlaceAction later : grounded.subList(grounded.indexOf(action) + 1, grounded.size())) {
                        if (!outranked(best, counts.get(later), n)) {
                            batch.add(later);
                        }
                    }
                }
                describe(image, instruction, given, batch, seeds, descriptions, verdicts);
            }
            var result = verify(action, samplesOfIt, descriptions.get(action), verdicts, descriptionsMalformed);
            verified.add(result);
            if (result.accepted() && (best == null || result.positives() > best.positives()
                    || (result.positives() == best.positives() && result.samples() > best.samples()))) {
                best = result;
            }
        }
        List<AugmentationStep.VerifiedCandidate> finalVerified = keepBest(verified);
        int malformedDescriptions = descriptionsMalformed[0];
        var keptActions = finalVerified.stream().filter(AugmentationStep.VerifiedCandidate::accepted)
                .map(AugmentationStep.VerifiedCandidate::action).toList();
        var accepted = new ArrayList<Demonstration>();
        for (PickPlaceAction action : keptActions) {
            String why = lacy.reasoningOf(firstAnswer.get(action));
            accepted.add(new Demonstration(Observation.imageOnly(image), instruction, action,
                    why.isBlank() ? Optional.empty() : Optional.of(why)));
        }
        return new AugmentationStep(confidence, first.parsed(), true, samples.size(), malformedCandidates,
                malformedDescriptions, finalVerified, accepted);
    }

    /** With one action kept per example, whether {@code best} can no longer be beaten by a candidate of {@code samples}. */
    private boolean outranked(AugmentationStep.VerifiedCandidate best, int samples, int n) {
        return settings.perExample() == 1 && best != null && best.positives() == n && best.samples() >= samples;
    }

    /** The N descriptions of each of {@code batch} in one call, and the verdicts of the new ones in one more. */
    private void describe(RgbImage image, String instruction, String given, List<PickPlaceAction> batch,
                          Map<PickPlaceAction, Decoding> seeds, Map<PickPlaceAction, List<TaskAnswer<String>>> descriptions,
                          Map<String, Boolean> verdicts) {
        List<List<TaskAnswer<String>>> described = lacy.a2l(image, batch, settings.samples(),
                batch.stream().map(seeds::get).toList(), given);
        var texts = new java.util.LinkedHashSet<String>();
        for (int i = 0; i < batch.size(); i++) {
            descriptions.put(batch.get(i), described.get(i));
            described.get(i).forEach(d -> d.parsed().filter(text -> !verdicts.containsKey(text)).ifPresent(texts::add));
        }
        var textList = new ArrayList<>(texts);
        List<ConsistencyCheck> checks = lacy.l2c(image, instruction, textList, given);
        for (int i = 0; i < textList.size(); i++) {
            verdicts.put(textList.get(i), checks.get(i).confidence() >= settings.tau());
        }
    }

    /**
     * The vote over {@code action}'s N sampled descriptions, each judged by its L2C verdict in {@code verdicts}: the
     * action passes when at least nu of the N reach tau. Malformed descriptions vote against it and are counted in
     * {@code malformed[0]}.
     */
    private AugmentationStep.VerifiedCandidate verify(PickPlaceAction action, int samples, List<TaskAnswer<String>> descriptions,
                                                      Map<String, Boolean> verdicts, int[] malformed) {
        int n = settings.samples();
        int positives = 0;
        for (TaskAnswer<String> description : descriptions) {
            if (description.parsed().isEmpty()) {
                malformed[0]++;
                continue;
            }
            positives += verdicts.get(description.parsed().get()) ? 1 : 0;
        }
        return new AugmentationStep.VerifiedCandidate(action, samples, true, positives, n, (double) positives / n >= settings.vote());
    }

    /**
     * The candidates with at most {@code perExample} of the passing ones still accepted: the most votes first, then
     * the most samples (a stable sort, so ties keep the sampled order).
     */
    private List<AugmentationStep.VerifiedCandidate> keepBest(List<AugmentationStep.VerifiedCandidate> verified) {
        List<AugmentationStep.VerifiedCandidate> passing = verified.stream().filter(AugmentationStep.VerifiedCandidate::accepted)
                .toList();
        if (settings.perExample() == 0 || passing.size() <= settings.perExample()) {
            return verified;
        }
        var kept = passing.stream().sorted(Comparator.comparingInt(AugmentationStep.VerifiedCandidate::positives)
                        .thenComparingInt(AugmentationStep.VerifiedCandidate::samples).reversed())
                .limit(settings.perExample()).map(AugmentationStep.VerifiedCandidate::action).toList();
        return verified.stream().map(v -> v.accepted() && !kept.contains(v.action())
                ? new AugmentationStep.VerifiedCandidate(v.action(), v.samples(), true, v.positives(), v.descriptions(), false)
                : v).toList();
    }

    /**
     * Whether a well-formed answer agrees with the objects its own grounding sentence lists (whatever count it
     * announces); always true without the check or without chain of thought, false when the sentence lists nothing
     * readable.
     */
    private boolean grounded(TaskAnswer<PickPlaceAction> answer, String instruction) {
        if (!settings.groundingCheck() || !lacy.format().chainOfThought()) {
            return true;
        }
        if (!(answer instanceof TaskAnswer.Answered<PickPlaceAction> answered)) {
            return false;
        }
        String sentence = lacy.groundingOf(answer).strip();
        Parsed<List<GroundedObject>> listed = groundingFormat.parseListed(sentence);
        return listed.isOk() && check.problem(listed.orElseThrow(), instruction, answered.value()).isEmpty();
    }

    private Decoding seeded(long index, long stream) {
        return settings.sampling().withSeed(SeedStreams.seed(settings.sampling().seed(), index, stream));
    }
}
