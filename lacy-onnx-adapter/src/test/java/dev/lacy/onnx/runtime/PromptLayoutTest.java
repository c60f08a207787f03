package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelManifest.ImagePlacement;
import dev.lacy.onnx.model.ModelManifest.PromptLayout;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.model.ModelPackageException;
import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.writer.ReferenceForwardPass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest's prompt layout: inference sees the prompt as the fine-tune saw it (in the chat template, after the
 * start token, the image where LLaVA's processor puts it), checked token for token against the plain-Java reference.
 */
class PromptLayoutTest {

    private static final String PROMPT = "<image>\nL2A: pick?\n";

    @TempDir
    Path dir;

    private static RgbImage image() {
        return OnnxVisionLanguageModelTest.image(1);
    }

    private static int[] ids(String text) {
        return text.chars().map(c -> TinyModelPackage.id((char) c)).toArray();
    }

    /** The reference's greedy tokens for the text ids {@code before}, the image's features, then {@code after}. */
    private static String referenceGreedy(TinyModelPackage tiny, int[] before, int[] after, int steps) {
        var reference = new ReferenceForwardPass(tiny.weights, Map.of());
        var preprocessor = new ImagePreprocessor(new ModelManifest.ImagePreprocessing(16, List.of(0.5, 0.5, 0.5),
                List.of(0.5, 0.5, 0.5)));
        float[][] features = reference.vision(preprocessor.pixels(image()));
        var generated = new ArrayList<Integer>();
        for (int step = 0; step < steps; step++) {
            var rows = new ArrayList<float[]>();
            if (before.length > 0) {
                rows.addAll(List.of(reference.textEmbeddings(before)));
            }
            rows.addAll(List.of(features));
            int[] text = new int[after.length + generated.size()];
            System.arraycopy(after, 0, text, 0, after.length);
            for (int i = 0; i < generated.size(); i++) {
                text[after.length + i] = generated.get(i);
            }
            rows.addAll(List.of(reference.textEmbeddings(text)));
            float[][] logits = reference.decode(rows.toArray(float[][]::new));
            float[] last = logits[logits.length - 1];
            int best = 0;
            for (int v = 1; v < last.length; v++) {
                best = last[v] > last[best] ? v : best;
            }
            if (best == CharacterTokenizer.SPECIAL.indexOf("<eos>")) {
                break;
            }
            generated.add(best);
        }
        return TinyModelPackage.text(generated);
    }

    private static String generate(TinyModelPackage tiny) {
        try (var model = OnnxVisionLanguageModel.open(tiny.directory, Device.CPU)) {
            return model.generate(new GenerationRequest(LacyTask.GROUNDING, image(), PROMPT, Decoding.greedy(), 1, 10, List.of()))
                    .get(0);
        }
    }

    @Test
    void theImageGoesWhereItsPlaceholderStandsInTheChatTemplate() {
        var layout = new PromptLayout("USER: {prompt} ASSISTANT:", "", ImagePlacement.PLACEHOLDER);
        var tiny = new TinyModelPackage(dir.resolve("placeholder"), 3, TinyModelPackage.CONFIG, layout);

        String expected = referenceGreedy(tiny, ids("USER: "), ids("\nL2A: pick?\n ASSISTANT:"), 10);

        assertThat(generate(tiny)).isEqualTo(expected).isNotEmpty();
        assertThat(expected).as("the layout changes what the model sees")
                .isNotEqualTo(referenceGreedy(tiny, new int[0], ids("\nL2A: pick?\n"), 10));
    }

    @Test
    void theStartTokenAndTheTemplateComeAfterAnImageThatGoesFirst() {
        var layout = new PromptLayout("Q: {prompt} A:", "<unk>", ImagePlacement.FIRST);
        var tiny = new TinyModelPackage(dir.resolve("first"), 3, TinyModelPackage.CONFIG, layout);
        int[] text = ids("Q: \nL2A: pick?\n A:");
        int[] withStart = new int[text.length + 1];
        withStart[0] = CharacterTokenizer.SPECIAL.indexOf("<unk>");
        System.arraycopy(text, 0, withStart, 1, text.length);

        assertThat(generate(tiny)).isEqualTo(referenceGreedy(tiny, new int[0], withStart, 10));
    }

    @Test
    void aPackageWithoutALayoutReadsThePromptAsItIs() {
        var tiny = new TinyModelPackage(dir.resolve("plain"), 3);

        assertThat(ModelPackage.open(tiny.directory).manifest().prompt()).isEqualTo(PromptLayout.PLAIN);
        assertThat(generate(tiny)).isEqualTo(referenceGreedy(tiny, new int[0], ids("\nL2A: pick?\n"), 10));
    }

    @Test
    void aTemplateWithoutItsSlotOrAnUnknownPlacementIsRefusedNamingTheField() throws Exception {
        var tiny = new TinyModelPackage(dir.resolve("bad"), 3, TinyModelPackage.CONFIG,
                new PromptLayout("USER: {prompt}", "", ImagePlacement.PLACEHOLDER));
        Path manifest = tiny.directory.resolve(ModelManifest.FILE);
        String text = Files.readString(manifest);

        Files.writeString(manifest, text.replace("USER: {prompt}", "USER:"));
        assertThatThrownBy(() -> ModelPackage.open(tiny.directory)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("prompt.template must hold {prompt} exactly once");

        Files.writeString(manifest, text.replace("\"placeholder\"", "\"middle\""));
        assertThatThrownBy(() -> ModelPackage.open(tiny.directory)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("prompt.image must be 'first' or 'placeholder', not 'middle'");
    }

    @Test
    void aStartTokenTheTokenizerSplitsIsRefusedAtOpen() {
        var tiny = new TinyModelPackage(dir.resolve("start"), 3, TinyModelPackage.CONFIG,
                new PromptLayout("{prompt}", "<s>", ImagePlacement.PLACEHOLDER));

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(tiny.directory, Device.CPU))
                .isInstanceOf(ModelPackageException.class).hasMessageContaining("the special token '<s>' does not fit");
    }
}
