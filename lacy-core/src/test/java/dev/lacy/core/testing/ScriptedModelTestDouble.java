package dev.lacy.core.testing;

import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A test double of {@link VisionLanguageModel} that answers from scripts, in call order, and records
 * every request. Running out of script fails the test, so an unexpected call cannot go unnoticed.
 */
public final class ScriptedModelTestDouble implements VisionLanguageModel {

    private final Map<LacyTask, Deque<List<String>>> completions = new EnumMap<>(LacyTask.class);
    private final Deque<BinaryLogits> logits = new ArrayDeque<>();
    private final List<GenerationRequest> generations = new ArrayList<>();
    private final List<BinaryChoiceRequest> choices = new ArrayList<>();
    private boolean closed;

    /** The next generate call for this task returns these completions. */
    public ScriptedModelTestDouble thenGenerate(LacyTask task, String... texts) {
        completions.computeIfAbsent(task, t -> new ArrayDeque<>()).add(List.of(texts));
        return this;
    }

    /** The next binary-choice call returns these logits. */
    public ScriptedModelTestDouble thenScore(double positive, double negative) {
        logits.add(new BinaryLogits(positive, negative));
        return this;
    }

    /** The next binary-choice call returns logits whose confidence is exactly this. */
    public ScriptedModelTestDouble thenConfidence(double confidence) {
        if (confidence == 0.5) {
            return thenScore(0, 0);
        }
        return thenScore(Math.log(confidence / (1 - confidence)), 0);
    }

    @Override
    public List<String> generate(GenerationRequest request) {
        requireOpen();
        generations.add(request);
        Deque<List<String>> script = completions.get(request.task());
        if (script == null || script.isEmpty()) {
            throw new AssertionError("unscripted " + request.task() + " generate call #" + generations.size());
        }
        List<String> next = script.poll();
        if (next.size() != request.samples()) {
            throw new AssertionError(request.task() + " asked for " + request.samples() + " samples, script has " + next.size());
        }
        // as a real model stops: before the first stop sequence, which the completion does not include
        return next.stream().map(text -> GenerationRequest.beforeStop(text, request.stopSequences())).toList();
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        requireOpen();
        choices.add(request);
        if (logits.isEmpty()) {
            throw new AssertionError("unscripted binary-choice call #" + choices.size());
        }
        return logits.poll();
    }

    public List<GenerationRequest> generations(LacyTask task) {
        return generations.stream().filter(r -> r.task() == task).toList();
    }

    public List<BinaryChoiceRequest> binaryChoices() {
        return List.copyOf(choices);
    }

    public boolean fullyConsumed() {
        return logits.isEmpty() && completions.values().stream().allMatch(Deque::isEmpty);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
    }
}
