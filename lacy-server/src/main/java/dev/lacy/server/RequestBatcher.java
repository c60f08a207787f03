package dev.lacy.server;

import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.VisionLanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The model behind a server, as the {@link VisionLanguageModel} port: concurrent callers' requests wait in one bounded
 * queue, and each of {@code workers} threads takes what is waiting — up to {@code maxBatch} requests, waiting at most
 * {@code maxWait} after the first for more — into one call of {@link VisionLanguageModel#generateAll} and one of
 * {@link VisionLanguageModel#scoreAll}. A full queue refuses at once ({@link ServerBusyException}), never waits. A batch
 * that fails is retried request by request, so that one bad request fails alone. With {@code maxBatch} 1 it is the
 * unbatched server, with the same queue and workers.
 *
 * <p>Thread-safe. Closing stops taking requests; those waiting are answered first.
 */
public final class RequestBatcher implements VisionLanguageModel {

    private record Pending(Object request, CompletableFuture<Object> answer, long enqueuedNanos) {
    }

    private final VisionLanguageModel model;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final long timeoutNanos;
    private final ArrayBlockingQueue<Pending> queue;
    private final ServerMetrics metrics;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;
    /** The mean seconds a batch took lately, for Retry-After. */
    private volatile double batchSeconds = 0.1;

    public RequestBatcher(VisionLanguageModel model, ServerSettings settings, ServerMetrics metrics) {
        this.model = model;
        this.maxBatch = settings.maxBatch();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.timeoutNanos = settings.requestTimeout().toNanos();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.metrics = metrics;
        metrics.queueDepth(queue::size);
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(this::work, "lacy-batcher-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> generate(GenerationRequest request) {
        return (List<String>) submit(request);
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        return (BinaryLogits) submit(request);
    }

    private Object submit(Object request) {
        if (closed) {
            throw new IllegalStateException("the server is shutting down");
        }
        var pending = new Pending(request, new CompletableFuture<>(), System.nanoTime());
        if (!queue.offer(pending)) {
            int queued = queue.size();
            long seconds = Math.max(1, (long) Math.ceil(batchSeconds * (1 + queued / (double) maxBatch) / workers.size()));
            throw new ServerBusyException(queued, seconds);
        }
        try {
            return pending.answer().get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            pending.answer().cancel(false);
            throw new IllegalStateException("the model did not answer within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        }
    }

    private void work() {
        while (!closed || !queue.isEmpty()) {
            List<Pending> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                continue;
            }
            if (batch.isEmpty()) {
                continue;
            }
            long start = System.nanoTime();
            run(batch);
            batchSeconds = 0.8 * batchSeconds + 0.2 * (System.nanoTime() - start) / 1e9;
        }
    }

    private List<Pending> nextBatch() throws InterruptedException {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        var batch = new ArrayList<Pending>(List.of(first));
        long deadline = first.enqueuedNanos() + maxWaitNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        batch.removeIf(p -> p.answer().isCancelled());
        return batch;
    }

    private void run(List<Pending> batch) {
        var generations = batch.stream().filter(p -> p.request() instanceof GenerationRequest).toList();
        var scores = batch.stream().filter(p -> p.request() instanceof BinaryChoiceRequest).toList();
        metrics.batch(batch.size());
        try {
            if (!generations.isEmpty()) {
                complete(generations, model.generateAll(generations.stream().map(p -> (GenerationRequest) p.request()).toList()));
            }
            if (!scores.isEmpty()) {
                complete(scores, model.scoreAll(scores.stream().map(p -> (BinaryChoiceRequest) p.request()).toList()));
            }
        } catch (RuntimeException e) {
            // one request may have failed the batch: each is run alone, so that only it fails
            for (Pending p : batch) {
                if (p.answer().isDone()) {
                    continue;
                }
                try {
                    p.answer().complete(p.request() instanceof GenerationRequest g ? model.generate(g)
                            : model.scoreBinaryChoice((BinaryChoiceRequest) p.request()));
                } catch (RuntimeException alone) {
                    p.answer().completeExceptionally(alone);
                }
            }
        }
    }

    private static void complete(List<Pending> pending, List<?> answers) {
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).answer().complete(answers.get(i));
        }
    }

    /** Requests waiting now. */
    public int queued() {
        return queue.size();
    }

    /** Stops taking requests; the workers answer what is waiting, then end (each waited for at most 30 s). The model stays open: its owner closes it. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
