package dev.lacy.examples.pipeline;

import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle of the paper's Table I analogue ("given the ground-truth objects"): a chain-of-thought
 * model whose grounding step is replaced by the true grounding sentence of the scene, so that only
 * the reasoning after it is the model's. Knows the scene of each test image by identity.
 */
final class OracleGroundingModel implements VisionLanguageModel {

    private final VisionLanguageModel model;
    private final PromptFormat format;
    private final Map<RgbImage, Scene> scenes = new IdentityHashMap<>();

    OracleGroundingModel(VisionLanguageModel model, PromptFormat format, Map<RgbImage, Scene> scenes) {
        if (!format.chainOfThought()) {
            throw new IllegalArgumentException("the grounding oracle needs a chain-of-thought model");
        }
        this.model = model;
        this.format = format;
        this.scenes.putAll(scenes);
    }

    @Override
    public List<String> generate(GenerationRequest request) {
        Scene scene = scenes.get(request.image());
        if (scene == null) {
            throw new IllegalArgumentException("the grounding oracle knows no scene for this image");
        }
        String grounding = format.groundingTarget(scene);
        String reasoning = grounding + format.reasoningEnd();
        if (request.prompt().contains(reasoning)) {
            // a continuation of a completion that already starts with it (an L2A copy held to the grounding, Lacy)
            return model.generate(request);
        }
        return model.generate(new GenerationRequest(request.task(), request.image(), request.prompt() + reasoning,
                request.decoding(), request.samples(), request.maxNewTokens(), request.stopSequences()))
                .stream().map(answer -> reasoning + answer).toList();
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        return model.scoreBinaryChoice(request);
    }

    @Override
    public void close() {
        model.close();
    }
}
