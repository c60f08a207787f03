package dev.lacy.trainer;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import java.util.List;

/**
 * Sizes of the lacy-tiny model the trainer builds, its LoRA settings, and the optimisation
 * settings of base pretraining and of fine-tuning.
 *
 * @param imageSize    model input side in pixels
 * @param patchSize    patch side (image tokens = (imageSize / patchSize)^2)
 * @param hidden       hidden width
 * @param heads        attention heads
 * @param layers       decoder layers
 * @param visionLayers bidirectional vision encoder layers
 * @param mlp          MLP width
 * @param maxPositions longest sequence, image tokens included
 * @param ropeBase     base of the decoder's rotary positions (0, the default: learned absolute positions only;
 *                     docs/experiments/2026-11-trainer-design.md has the measurements behind that default)
 * @param textWindow   text tokens each text embedding is computed from, itself included (0 or 1: itself alone;
 *                     see {@link TinyLlavaConfig#textWindow()})
 * @param textMixRank  rank of each window offset's map while the base is pretrained: the window's
 *                     {@code text_mix} is trained as a shared down-projection to this width and one
 *                     up-projection per offset, and exported as their products (0: trained as one
 *                     full matrix); it saves the time of wide windows (docs/experiments/2026-11-trainer-design.md)
 * @param adapterTextWindow text tokens each text embedding is computed from while an adapter is fine-tuned and
 *                     used: a base whose window is narrower is widened for it, the new offsets' maps zero in
 *                     the base and trained by the adapter's change to the map (0: the base's window;
 *                     docs/experiments/2026-11-trainer-design.md, "A wider window for the adapters")
 * @param loraRank     LoRA rank r
 * @param loraAlpha    LoRA alpha (the update is scaled by alpha / r)
 * @param loraTargets  projections of every decoder layer that carry LoRA ({@code q k v o mlp1 mlp2})
 * @param pretraining  base pretraining stage
 * @param fineTuning   fine-tuning stage (per adapter; Independent splits it over its three adapters); its steps are the
 *                     steps at up to {@link #GROWTH_FROM} demonstrations
 * @param fineTuningGrowth how much the fine-tune's steps grow with the data: {@code fineTuning.steps} at up to
 *                     {@link #GROWTH_FROM} demonstrations, {@code 1 + fineTuningGrowth} times that at {@link #GROWTH_TO}
 *                     or more, linearly between (0: the same steps at any size; {@link #fineTuningFor})
 * @param grownL2cWeight L2C's weight ({@link StageSettings#l2cWeight}) in the fine-tune of {@link #GROWTH_TO} or more
 *                     demonstrations: {@code fineTuning.l2cWeight} at up to {@link #GROWTH_FROM}, this at
 *                     {@link #GROWTH_TO} or more, linearly between ({@link #fineTuningFor}; docs/trainer.md)
 * @param grownComparisonLineFrom demonstrations from which a fine-tune with chain of thought is taught {@code
 *                     grownComparisonLine} of L2C's comparison line; fewer are taught version 1 ({@link
 *                     #comparisonLineFor}; 0: at any size, {@link Integer#MAX_VALUE}: never)
 * @param grownComparisonLine the version of the comparison line taught from {@code grownComparisonLineFrom}: 2 ({@code
 *                     ComparisonFormat.BY_HALVES}) or 3 ({@code ComparisonFormat.BY_PLACES})
 */
public record TrainerSettings(int imageSize, int patchSize, int hidden, int heads, int layers, int visionLayers, int mlp,
                              int maxPositions, double ropeBase, int textWindow, int textMixRank, int adapterTextWindow, int loraRank, float loraAlpha, List<String> loraTargets,
                              StageSettings pretraining, StageSettings fineTuning, double fineTuningGrowth,
                              double grownL2cWeight, int grownComparisonLineFrom, int grownComparisonLine) {

    /** The defaults: the sizes and schedules measured on a 2-core CPU (docs/trainer.md). */
    public static final TrainerSettings DEFAULTS = new TrainerSettings(128, 16, 128, 4, 4, 2, 512, 320, 0, 8, 0, 16, 32, 64,
            TinyLlavaConfig.LORA_TARGETS,
            new StageSettings(1800, 32, 2e-3, 0.03, 0.01, 1.0, 1.0, 250),
            new StageSettings(800, 32, 2e-3, 0.05, 0.0, 1.0, 0.0, 250, 3.0, 3.0), 0.5, 2.0, 4000, 3);

    /** Demonstrations up to which the fine-tune takes {@code fineTuning.steps}. */
    public static final int GROWTH_FROM = 1000;
    /** Demonstrations from which the fine-tune takes {@code 1 + fineTuningGrowth} times as many. */
    public static final int GROWTH_TO = 4000;

    public TrainerSettings {
        if (loraRank <= 0 || !(loraAlpha > 0)) {
            throw new IllegalArgumentException("LoRA rank and alpha must be positive");
        }
        if (textMixRank < 0) {
            throw new IllegalArgumentException("textMixRank must be 0 or more, got " + textMixRank);
        }
        if (textWindow < 0) {
            throw new IllegalArgumentException("textWindow must be 0 or more, got " + textWindow);
        }
        if (adapterTextWindow < 0) {
            throw new IllegalArgumentException("adapterTextWindow must be 0 or more, got " + adapterTextWindow);
        }
        if (!(fineTuningGrowth >= 0) || Double.isInfinite(fineTuningGrowth)) {
            throw new IllegalArgumentException("fineTuningGrowth must be finite and 0 or more, got " + fineTuningGrowth);
        }
        if (!(grownL2cWeight > 0) || Double.isInfinite(grownL2cWeight)) {
            throw new IllegalArgumentException("grownL2cWeight must be finite and positive, got " + grownL2cWeight);
        }
        if (grownComparisonLineFrom < 0) {
            throw new IllegalArgumentException("grownComparisonLineFrom must be 0 or more, got " + grownComparisonLineFrom);
        }
        if (grownComparisonLine != 2 && grownComparisonLine != 3) {
            throw new IllegalArgumentException("grownComparisonLine must be 2 or 3, got " + grownComparisonLine);
        }
        loraTargets = List.copyOf(loraTargets);
        for (String target : loraTargets) {
            if (!TinyLlavaConfig.LORA_TARGETS.contains(target)) {
                throw new IllegalArgumentException("'" + target + "' is not a LoRA target; choose from " + TinyLlavaConfig.LORA_TARGETS);
            }
        }
    }

    TinyLlavaConfig config(int vocabulary) {
        return new TinyLlavaConfig(imageSize, patchSize, hidden, heads, layers, mlp, vocabulary, maxPositions, visionLayers, ropeBase, textWindow);
    }

    public TrainerSettings withPretraining(StageSettings stage) {
        return toBuilder().pretraining(stage).build();
    }

    public TrainerSettings withFineTuning(StageSettings stage) {
        return toBuilder().fineTuning(stage).build();
    }

    /** The same settings fine-tuning exactly {@code steps} steps at any data size (no growth). */
    public TrainerSettings withFixedFineTuningSteps(int steps) {
        return toBuilder().fineTuning(fineTuning.withSteps(steps)).fineTuningGrowth(0).build();
    }

    /** The same settings weighing L2C's comparison line {@code l2cWeight} at any data size. */
    public TrainerSettings withFixedL2cWeight(double l2cWeight) {
        return toBuilder().fineTuning(fineTuning.withL2cWeight(l2cWeight)).grownL2cWeight(l2cWeight).build();
    }

    /**
     * The fine-tuning stage for {@code demonstrations}: {@code fineTuning} with its steps grown by
     * {@code fineTuningGrowth} and its L2C weight moved to {@code grownL2cWeight} as the data grows from
     * {@link #GROWTH_FROM} to {@link #GROWTH_TO} demonstrations (by default 800 steps and L2C weighted 3 at 1,000,
     * 1,200 steps and L2C weighted 2 at 4,000: docs/trainer.md has the measurements).
     */
    public StageSettings fineTuningFor(int demonstrations) {
        double share = Math.min(1, Math.max(0, (double) (demonstrations - GROWTH_FROM) / (GROWTH_TO - GROWTH_FROM)));
        return fineTuning.withSteps((int) Math.round(fineTuning.steps() * (1 + fineTuningGrowth * share)))
                .withL2cWeight(fineTuning.l2cWeight() + (grownL2cWeight - fineTuning.l2cWeight()) * share);
    }

    /**
     * The version of L2C's comparison line a fine-tune with chain of thought on {@code demonstrations} is taught: {@code
     * grownComparisonLine} (by default 3, a cell against a direction by where the cell's places near the reference lie)
     * from {@code grownComparisonLineFrom} demonstrations, 1 below. By default from 4,000: there version 2 raised L2C on
     * the mean of three training seeds and version 3 raised it again; at 1,000 version 2 lowered it, the model writing
     * its sets of words malformed, and version 3 lowered A2L (docs/trainer.md).
     */
    public int comparisonLineFor(int demonstrations) {
        return demonstrations >= grownComparisonLineFrom ? grownComparisonLine : 1;
    }

    /** The same settings teaching version {@code version} (1, 2 or 3) of the comparison line at any data size. */
    public TrainerSettings withFixedComparisonLine(int version) {
        int checked = dev.lacy.core.format.ComparisonFormat.version(version).version();
        return checked == 1 ? toBuilder().grownComparisonLineFrom(Integer.MAX_VALUE).build()
                : toBuilder().grownComparisonLineFrom(0).grownComparisonLine(checked).build();
    }

    /** The same settings with rotary positions of base {@code newRopeBase} (0: none). */
    public TrainerSettings withRopeBase(double newRopeBase) {
        return toBuilder().ropeBase(newRopeBase).build();
    }

    /** The same settings with text embeddings computed from {@code newTextWindow} tokens (0 or 1: each token alone). */
    public TrainerSettings withTextWindow(int newTextWindow) {
        return toBuilder().textWindow(newTextWindow).build();
    }

    /** The same settings with the window's map pretrained at rank {@code newTextMixRank} per offset (0: full). */
    public TrainerSettings withTextMixRank(int newTextMixRank) {
        return toBuilder().textMixRank(newTextMixRank).build();
    }

    /** The same settings with input images of {@code newImageSize} pixels a side, cut into {@code newPatchSize} patches. */
    public TrainerSettings withImage(int newImageSize, int newPatchSize) {
        return toBuilder().imageSize(newImageSize).patchSize(newPatchSize).build();
    }

    /** The same settings with adapters computing text embeddings from {@code newAdapterTextWindow} tokens (0: the base's). */
    public TrainerSettings withAdapterTextWindow(int newAdapterTextWindow) {
        return toBuilder().adapterTextWindow(newAdapterTextWindow).build();
    }

    /** The same settings with LoRA adapters of rank {@code newRank} whose update is scaled by {@code newAlpha} / rank. */
    public TrainerSettings withLora(int newRank, float newAlpha) {
        return toBuilder().loraRank(newRank).loraAlpha(newAlpha).build();
    }

    public TrainerSettings withSizes(int newImageSize, int newPatchSize, int newHidden, int newHeads, int newLayers,
                                     int newVisionLayers, int newMlp, int newMaxPositions) {
        return toBuilder().imageSize(newImageSize).patchSize(newPatchSize).hidden(newHidden).heads(newHeads).layers(newLayers)
                .visionLayers(newVisionLayers).mlp(newMlp).maxPositions(newMaxPositions).build();
    }

    /** A builder holding these settings, to change some of them by name; {@link Builder#build} validates. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes settings by name instead of through the 21-argument constructor. */
    public static final class Builder {
        private int imageSize;
        private int patchSize;
        private int hidden;
        private int heads;
        private int layers;
        private int visionLayers;
        private int mlp;
        private int maxPositions;
        private double ropeBase;
        private int textWindow;
        private int textMixRank;
        private int adapterTextWindow;
        private int loraRank;
        private float loraAlpha;
        private List<String> loraTargets;
        private StageSettings pretraining;
        private StageSettings fineTuning;
        private double fineTuningGrowth;
        private double grownL2cWeight;
        private int grownComparisonLineFrom;
        private int grownComparisonLine;

        private Builder(TrainerSettings from) {
            this.imageSize = from.imageSize;
            this.patchSize = from.patchSize;
            this.hidden = from.hidden;
            this.heads = from.heads;
            this.layers = from.layers;
            this.visionLayers = from.visionLayers;
            this.mlp = from.mlp;
            this.maxPositions = from.maxPositions;
            this.ropeBase = from.ropeBase;
            this.textWindow = from.textWindow;
            this.textMixRank = from.textMixRank;
            this.adapterTextWindow = from.adapterTextWindow;
            this.loraRank = from.loraRank;
            this.loraAlpha = from.loraAlpha;
            this.loraTargets = from.loraTargets;
            this.pretraining = from.pretraining;
            this.fineTuning = from.fineTuning;
            this.fineTuningGrowth = from.fineTuningGrowth;
            this.grownL2cWeight = from.grownL2cWeight;
            this.grownComparisonLineFrom = from.grownComparisonLineFrom;
            this.grownComparisonLine = from.grownComparisonLine;
        }

        public Builder imageSize(int value) {
            this.imageSize = value;
            return this;
        }

        public Builder patchSize(int value) {
            this.patchSize = value;
            return this;
        }

        public Builder hidden(int value) {
            this.hidden = value;
            return this;
        }

        public Builder heads(int value) {
            this.heads = value;
            return this;
        }

        public Builder layers(int value) {
            this.layers = value;
            return this;
        }

        public Builder visionLayers(int value) {
            this.visionLayers = value;
            return this;
        }

        public Builder mlp(int value) {
            this.mlp = value;
            return this;
        }

        public Builder maxPositions(int value) {
            this.maxPositions = value;
            return this;
        }

        public Builder ropeBase(double value) {
            this.ropeBase = value;
            return this;
        }

        public Builder textWindow(int value) {
            this.textWindow = value;
            return this;
        }

        public Builder textMixRank(int value) {
            this.textMixRank = value;
            return this;
        }

        public Builder adapterTextWindow(int value) {
            this.adapterTextWindow = value;
            return this;
        }

        public Builder loraRank(int value) {
            this.loraRank = value;
            return this;
        }

        public Builder loraAlpha(float value) {
            this.loraAlpha = value;
            return this;
        }

        public Builder loraTargets(List<String> value) {
            this.loraTargets = value;
            return this;
        }

        public Builder pretraining(StageSettings value) {
            this.pretraining = value;
            return this;
        }

        public Builder fineTuning(StageSettings value) {
            this.fineTuning = value;
            return this;
        }

        public Builder fineTuningGrowth(double value) {
            this.fineTuningGrowth = value;
            return this;
        }

        public Builder grownL2cWeight(double value) {
            this.grownL2cWeight = value;
            return this;
        }

        public Builder grownComparisonLineFrom(int value) {
            this.grownComparisonLineFrom = value;
            return this;
        }

        public Builder grownComparisonLine(int value) {
            this.grownComparisonLine = value;
            return this;
        }

        public TrainerSettings build() {
            return new TrainerSettings(imageSize, patchSize, hidden, heads, layers, visionLayers, mlp, maxPositions, ropeBase, textWindow, textMixRank, adapterTextWindow, loraRank, loraAlpha, loraTargets, pretraining, fineTuning, fineTuningGrowth, grownL2cWeight, grownComparisonLineFrom, grownComparisonLine);
        }
    }
}
