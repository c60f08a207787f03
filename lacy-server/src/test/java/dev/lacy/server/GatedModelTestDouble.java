package dev.lacy.server;

import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.VisionLanguageModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model that answers as {@code inner} does, each call held until {@link #open()} (a slow model under test); it records
 * the size of every batch it was given.
 */
final class GatedModelTestDouble implements VisionLanguageModel {

    private final VisionLanguageModel inner;
    private final CountDownLatch gate;
    final CountDownLatch entered = new CountDownLatch(1);
    final List<Integer> batches = new CopyOnWriteArrayList<>();

    GatedModelTestDouble(VisionLanguageModel inner, boolean open) {
        this.inner = inner;
        this.gate = new CountDownLatch(open ? 0 : 1);
    }

    void open() {
        gate.countDown();
    }

    private void waitForGate() {
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> generate(GenerationRequest request) {
        return generateAll(List.of(request)).get(0);
    }

    @Override
    public List<List<String>> generateAll(List<GenerationRequest> requests) {
        waitForGate();
        batches.add(requests.size());
        return inner.generateAll(requests);
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        return scoreAll(List.of(request)).get(0);
    }

    @Override
    public List<BinaryLogits> scoreAll(List<BinaryChoiceRequest> requests) {
        waitForGate();
        batches.add(requests.size());
        return inner.scoreAll(requests);
    }

    @Override
    public void close() {
        inner.close();
    }
}
