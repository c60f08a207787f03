package dev.lacy.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay on weight matrices (not on positions and embeddings), clipping by global gradient
 * norm, and the stage's learning-rate schedule. Its moments are part of a checkpoint.
 */
final class AdamW {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.98;
    private static final double ADAM_EPSILON = 1e-8;

    private final Map<String, NDArray> trainable;
    private final StageSettings settings;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();

    AdamW(Map<String, NDArray> trainable, StageSettings settings) {
        this.trainable = trainable;
        this.settings = settings;
        for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
            NDArray p = entry.getValue();
            firstMoments.put(entry.getKey(), p.getManager().zeros(p.getShape()));
            secondMoments.put(entry.getKey(), p.getManager().zeros(p.getShape()));
        }
    }

    Map<String, NDArray> firstMoments() {
        return firstMoments;
    }

    Map<String, NDArray> secondMoments() {
        return secondMoments;
    }

    /** Linear warm-up, then a cosine decay to a tenth of the peak. */
    double learningRate(int step) {
        int warmup = Math.max(1, (int) (settings.steps() * settings.warmupFraction()));
        if (step < warmup) {
            return settings.learningRate() * (step + 1) / warmup;
        }
        double progress = (double) (step - warmup) / Math.max(1, settings.steps() - warmup);
        double floor = 0.1;
        return settings.learningRate() * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /** One step: clip the gradients by their global norm, update the moments and the weights, zero the gradients. */
    void update(int step, NDManager scope) {
        var gradients = new LinkedHashMap<String, NDArray>();
        double squares = 0;
        for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
            NDArray g = entry.getValue().getGradient();
            g.attach(scope);
            gradients.put(entry.getKey(), g);
            squares += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        double clip = norm > settings.clip() ? settings.clip() / norm : 1;
        double lr = learningRate(step);
        int t = step + 1;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
            String name = entry.getKey();
            NDArray w = entry.getValue();
            NDArray g = TorchScalars.mul(gradients.get(name), clip);
            NDArray m = firstMoments.get(name);
            NDArray v = secondMoments.get(name);
            m.muli(TorchScalars.of(m, BETA1)).addi(TorchScalars.mul(g, 1 - BETA1));
            v.muli(TorchScalars.of(v, BETA2)).addi(TorchScalars.mul(g.square(), 1 - BETA2));
            NDArray denominator = TorchScalars.div(v, bc2).sqrt().add(TorchScalars.of(v, ADAM_EPSILON));
            if (w.getShape().dimension() == 2 && settings.weightDecay() > 0 && !name.endsWith("positions")
                    && !name.endsWith("embedding")) {
                w.muli(TorchScalars.of(w, 1 - lr * settings.weightDecay()));
            }
            w.subi(TorchScalars.mul(m.div(denominator), lr / bc1));
            gradients.get(name).subi(gradients.get(name));
        }
    }
}
