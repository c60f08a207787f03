package dev.lacy.onnx.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lacy.core.data.SeedStreams;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.onnx.model.ModelManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Several requests of one task as one batch of decoder calls. Each request's prompt is computed once, in one prefill
 * call whose rows are the prompts, padded on the right to the longest (padding masked, each row's positions its own);
 * each request's samples then share their prompt's KV cache (copied), and every step feeds one token to every sample of
 * every request in one call. A row keeps its own decoding, seed, token budget and stop sequences, so that each request
 * gets what it would get alone. Prompts of different lengths need a decoder that takes padded batches
 * ({@code decoder.paddedBatches}); the caller groups requests so.
 */
final class BatchDecoding {

    private final ModelManifest manifest;
    private final TextTokenizer tokenizer;
    private final DecoderSession decoder;
    private final EmbeddingSession embeddings;
    private final long endOfSequence;
    private final int hidden;

    BatchDecoding(ModelManifest manifest, TextTokenizer tokenizer, DecoderSession decoder, EmbeddingSession embeddings,
                  long endOfSequence) {
        this.manifest = manifest;
        this.tokenizer = tokenizer;
        this.decoder = decoder;
        this.embeddings = embeddings;
        this.endOfSequence = endOfSequence;
        this.hidden = manifest.decoder().hidden();
    }

    /** The prompts of a batch, embedded and padded into one prefill. */
    private record Prefill(int rows, int longest, int[] lengths, float[] embeds, long[] mask, long[] positions) {

        static Prefill of(List<float[]> prompts, int hidden) {
            int rows = prompts.size();
            int[] lengths = prompts.stream().mapToInt(p -> p.length / hidden).toArray();
            int longest = java.util.Arrays.stream(lengths).max().orElseThrow();
            float[] embeds = new float[rows * longest * hidden];
            long[] mask = new long[rows * longest];
            long[] positions = new long[rows * longest];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(prompts.get(r), 0, embeds, r * longest * hidden, prompts.get(r).length);
                for (int j = 0; j < longest; j++) {
                    mask[r * longest + j] = j < lengths[r] ? 1 : 0;
                    positions[r * longest + j] = j;
                }
            }
            return new Prefill(rows, longest, lengths, embeds, mask, positions);
        }
    }

    /** The logits of the two tokens of each request right after its prefix. */
    List<BinaryLogits> score(List<BinaryChoiceRequest> requests, OrtSession.RunOptions run, OrtSession.RunOptions embeddingRun)
            throws OrtException {
        var prompts = new ArrayList<float[]>();
        for (BinaryChoiceRequest r : requests) {
            prompts.add(embeddings.promptEmbeddings(r.image(), PromptTokens.of(r.prefix(), manifest, tokenizer), embeddingRun));
        }
        Prefill p = Prefill.of(prompts, hidden);
        var answers = new ArrayList<BinaryLogits>();
        try (DecoderSession.Step step = decoder.decode(p.embeds(), p.rows(), p.longest(), p.mask(), p.positions(), null, null,
                run)) {
            for (int r = 0; r < requests.size(); r++) {
                float[] logits = step.logitsAt(r, p.lengths()[r] - 1);
                answers.add(new BinaryLogits(logits[(int) tokenizer.singleToken(requests.get(r).positive())],
                        logits[(int) tokenizer.singleToken(requests.get(r).negative())]));
            }
        }
        return answers;
    }

    /** Each request's completions, in order. */
    List<List<String>> generate(List<GenerationRequest> requests, OrtSession.RunOptions run, OrtSession.RunOptions embeddingRun)
            throws OrtException {
        var promptIds = new ArrayList<long[]>();
        var prompts = new ArrayList<float[]>();
        for (GenerationRequest r : requests) {
            PromptTokens tokens = PromptTokens.of(r.prompt(), manifest, tokenizer);
            promptIds.add(tokens.afterImage());
            prompts.add(embeddings.promptEmbeddings(r.image(), tokens, embeddingRun));
        }
        Prefill p = Prefill.of(prompts, hidden);
        Rows rows = Rows.of(requests, p.lengths());
        // the last position is kept for the end of sequence: a completion that runs into the end of the context stops
        // one token early (and reads as truncated), so that every completion, with its end of sequence, fits the
        // context again when it is taught (an accepted triplet one token too long made training refuse the dataset)
        int lastTokenPosition = manifest.decoder().maxPositions() - 2;
        DecoderSession.Step prompt = decoder.decode(p.embeds(), p.rows(), p.longest(), p.mask(), p.positions(), null, null, run);
        // each row's first token comes from its prompt's last position; the prompt's cache is copied only for requests
        // with several samples (single-sample calls, most of a run, feed the prompt's own cache on)
        float[][] first = new float[rows.count()][];
        DecoderSession.Step step = prompt;
        try {
            for (int row = 0; row < rows.count(); row++) {
                first[row] = prompt.logitsAt(rows.request()[row], p.lengths()[rows.request()[row]] - 1);
            }
            if (rows.count() > requests.size()) {
                step = decoder.expand(prompt, rows.copies(), first);
                prompt.close();
            }
        } catch (OrtException | RuntimeException e) {
            prompt.close();
            throw e;
        }
        // where the decoder takes a prefix, the prompt's cache stays where it is for the whole completion, and each step
        // copies only the completion's own cache (a third of a step was that copy at 175 cached slots)
        DecoderSession.Step prefix = decoder.takesPrefix() ? step : null;
        var fed = new ArrayList<long[]>();
        try {
            for (int t = 0; ; t++) {
                long[] next = new long[rows.count()];
                boolean all = true;
                for (int row = 0; row < rows.count(); row++) {
                    GenerationRequest request = requests.get(rows.request()[row]);
                    int length = rows.promptLength()[row];
                    if (!rows.done()[row] && (t >= request.maxNewTokens() || length + t > lastTokenPosition)) {
                        rows.done()[row] = true;
                    }
                    if (rows.done()[row]) {
                        next[row] = endOfSequence;
                        continue;
                    }
                    int token = TokenSampler.choose(t == 0 ? first[row] : step.lastLogits(row), request.decoding(),
                            rows.random()[row]);
                    next[row] = token;
                    if (token == endOfSequence) {
                        rows.done()[row] = true;
                    } else {
                        rows.generated().get(row).add((long) token);
                        // the next token would sit at position length + t + 1: stop where it would not fit, so that a long
                        // answer ends truncated (and parses as malformed) instead of failing the run
                        rows.done()[row] = hitsStop(rows.generated().get(row), request.stopSequences())
                                || t == request.maxNewTokens() - 1 || length + t + 1 > lastTokenPosition;
                    }
                    all &= rows.done()[row];
                }
                if (all) {
                    break;
                }
                fed.add(next);
                DecoderSession.Step previous = step;
                step = decoder.decode(embedLast(promptIds, rows, fed, embeddingRun), rows.count(), 1,
                        rows.mask(p.longest(), t + 1), rows.positions(t, manifest.decoder().maxPositions()), prefix,
                        previous == prefix ? null : previous, run);
                if (previous != prefix) {
                    previous.close();
                }
            }
        } finally {
            step.close();
            if (prefix != null && prefix != step) {
                prefix.close();
            }
        }
        var answers = new ArrayList<List<String>>();
        for (int r = 0; r < requests.size(); r++) {
            answers.add(new ArrayList<>());
        }
        for (int row = 0; row < rows.count(); row++) {
            List<String> stops = requests.get(rows.request()[row]).stopSequences();
            String text = tokenizer.decode(rows.generated().get(row).stream().mapToLong(Long::longValue).toArray());
            answers.get(rows.request()[row]).add(GenerationRequest.beforeStop(text, stops));
        }
        return answers.stream().map(List::copyOf).toList();
    }

    /** The samples of a batch, one row each: whose request, its prompt's length, its generator, what it generated. */
    private record Rows(int count, int[] request, int[] copies, int[] promptLength,
                        SplittableRandom[] random, boolean[] done, List<List<Long>> generated) {

        static Rows of(List<GenerationRequest> requests, int[] lengths) {
            int count = requests.stream().mapToInt(GenerationRequest::samples).sum();
            int[] request = new int[count];
            int[] copies = new int[requests.size()];
            int[] promptLength = new int[count];
            var random = new SplittableRandom[count];
            var generated = new ArrayList<List<Long>>();
            int row = 0;
            for (int r = 0; r < requests.size(); r++) {
                copies[r] = requests.get(r).samples();
                for (int s = 0; s < copies[r]; s++, row++) {
                    request[row] = r;
                    promptLength[row] = lengths[r];
                    random[row] = SeedStreams.random(requests.get(r).decoding().seed(), s, 0);
                    generated.add(new ArrayList<>());
                }
            }
            return new Rows(count, request, copies, promptLength, random,
                    new boolean[count], generated);
        }

        /** The slots of every row after {@code fed} tokens were fed: its prompt, padding (0), then what it was fed. */
        long[] mask(int longestPrompt, int fed) {
            int total = longestPrompt + fed;
            long[] mask = new long[count * total];
            for (int row = 0; row < count; row++) {
                for (int j = 0; j < total; j++) {
                    mask[row * total + j] = j < promptLength[row] || j >= longestPrompt ? 1 : 0;
                }
            }
            return mask;
        }

        /** The position of each row's token fed at step {@code t} (a finished row's clamped: its output is not read). */
        long[] positions(int t, int maxPositions) {
            long[] positions = new long[count];
            for (int row = 0; row < count; row++) {
                positions[row] = Math.min(promptLength[row] + t, maxPositions - 1);
            }
            return positions;
        }
    }

    /**
     * The embeddings of the token each row was just fed, computed over the embedding graph's text window of that row's
     * own history (its prompt's ids then what it was fed); rows whose history is shorter than the window in one call each.
     */
    private float[] embedLast(List<long[]> promptIds, Rows rows, List<long[]> fed, OrtSession.RunOptions run)
            throws OrtException {
        int window = manifest.embeddingWindow();
        var byContext = new TreeMap<Integer, List<Integer>>();
        for (int row = 0; row < rows.count(); row++) {
            int history = promptIds.get(rows.request()[row]).length + fed.size();
            byContext.computeIfAbsent(Math.min(history, window), c -> new ArrayList<>()).add(row);
        }
        float[] out = new float[rows.count() * hidden];
        for (var group : byContext.entrySet()) {
            int context = group.getKey();
            List<Integer> members = group.getValue();
            long[] ids = new long[members.size() * context];
            for (int m = 0; m < members.size(); m++) {
                int row = members.get(m);
                long[] prompt = promptIds.get(rows.request()[row]);
                int history = prompt.length + fed.size();
                for (int j = 0; j < context; j++) {
                    int t = history - context + j;
                    ids[m * context + j] = t < prompt.length ? prompt[t] : fed.get(t - prompt.length)[row];
                }
            }
            float[] embedded = embeddings.embedEnds(ids, members.size(), 1, run);
            for (int m = 0; m < members.size(); m++) {
                System.arraycopy(embedded, m * hidden, out, members.get(m) * hidden, hidden);
            }
        }
        return out;
    }

    boolean hitsStop(List<Long> ids, List<String> stops) {
        if (stops.isEmpty()) {
            return false;
        }
        String text = tokenizer.decode(ids.stream().mapToLong(Long::longValue).toArray());
        return stops.stream().anyMatch(text::contains);
    }
}
