package dev.lacy.onnx.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lacy.core.data.SeedStreams;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.onnx.model.ModelManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Decoding without the KV cache, one request at a time: each step recomputes every sample's whole sequence. */
final class UncachedDecoding {

    private final ModelManifest manifest;
    private final TextTokenizer tokenizer;
    private final DecoderSession decoding;
    private final EmbeddingSession embeddings;
    private final long endOfSequence;
    private final BatchDecoding batches;
    private final int hidden;

    UncachedDecoding(ModelManifest manifest, TextTokenizer tokenizer, DecoderSession decoding, EmbeddingSession embeddings,
                     long endOfSequence, BatchDecoding batches) {
        this.manifest = manifest;
        this.tokenizer = tokenizer;
        this.decoding = decoding;
        this.embeddings = embeddings;
        this.endOfSequence = endOfSequence;
        this.batches = batches;
        this.hidden = manifest.decoder().hidden();
    }

    /** The benchmark baseline without a KV cache: every step recomputes each sample's whole sequence. */
    List<String> generate(GenerationRequest request, OrtSession.RunOptions run, OrtSession.RunOptions embeddingRun) {
        int n = request.samples();
        try {
            PromptTokens tokens = PromptTokens.of(request.prompt(), manifest, tokenizer);
            long[] promptIds = tokens.afterImage();
            float[] prompt = embeddings.promptEmbeddings(request.image(), tokens, embeddingRun);
            int promptLength = prompt.length / hidden;
            var generated = new ArrayList<List<Long>>();
            var randoms = new ArrayList<SplittableRandom>();
            boolean[] done = new boolean[n];
            for (int s = 0; s < n; s++) {
                generated.add(new ArrayList<>());
                randoms.add(SeedStreams.random(request.decoding().seed(), s, 0));
            }
            var fed = new ArrayList<long[]>();
            DecoderSession.Step step = decoding.decode(tile(prompt, n), n, promptLength, 0, null, run);
            try {
                int lastTokenPosition = manifest.decoder().maxPositions() - 2;
                for (int t = 0; t < request.maxNewTokens() && promptLength + t <= lastTokenPosition; t++) {
                    long[] next = new long[n];
                    boolean all = true;
                    for (int s = 0; s < n; s++) {
                        if (done[s]) {
                            next[s] = endOfSequence;
                            continue;
                        }
                        int token = TokenSampler.choose(step.lastLogits(s), request.decoding(), randoms.get(s));
                        next[s] = token;
                        if (token == endOfSequence) {
                            done[s] = true;
                        } else {
                            generated.get(s).add((long) token);
                            done[s] = batches.hitsStop(generated.get(s), request.stopSequences());
                        }
                        all &= done[s];
                    }
                    if (all || t == request.maxNewTokens() - 1 || promptLength + t + 1 > lastTokenPosition) {
                        break;
                    }
                    fed.add(next);
                    DecoderSession.Step previous = step;
                    step = decoding.decode(embeddings.recompute(prompt, promptIds, fed, n, embeddingRun), n,
                            promptLength + t + 1, 0, null, run);
                    previous.close();
                }
            } finally {
                step.close();
            }
            var texts = new ArrayList<String>(n);
            for (List<Long> ids : generated) {
                texts.add(GenerationRequest.beforeStop(tokenizer.decode(ids.stream().mapToLong(Long::longValue).toArray()),
                        request.stopSequences()));
            }
            return List.copyOf(texts);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed while generating: " + e.getMessage(), e);
        }
    }

    private static float[] tile(float[] one, int n) {
        float[] all = new float[one.length * n];
        for (int s = 0; s < n; s++) {
            System.arraycopy(one, 0, all, s * one.length, one.length);
        }
        return all;
    }

}
