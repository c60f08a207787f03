package dev.lacy.onnx.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoraAdapter;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxAdapterWriterTest {

    /** y = x W + (x A) B, with A [2, 0] and B [0, 3] by default: the base model unchanged. */
    private static byte[] loraGraph() {
        return new OnnxGraphBuilder("lora")
                .input("x", ElementType.FLOAT, 1, 2)
                .initializer("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .input("proj.lora_A", ElementType.FLOAT, 2, "rank")
                .initializer("proj.lora_A", new long[] {2, 0}, new float[0])
                .input("proj.lora_B", ElementType.FLOAT, "rank", 3)
                .initializer("proj.lora_B", new long[] {0, 3}, new float[0])
                .node("MatMul", List.of("x", "w"), List.of("base"))
                .node("MatMul", List.of("x", "proj.lora_A"), List.of("xa"))
                .node("MatMul", List.of("xa", "proj.lora_B"), List.of("delta"))
                .node("Add", List.of("base", "delta"), List.of("y"))
                .output("y", ElementType.FLOAT, 1, 3)
                .build();
    }

    @Test
    void anAdapterChangesTheOutputByExactlyWhatItsWeightsImplyAndNoAdapterLeavesTheBase() throws Exception {
        // rank 1: A = [[1], [2]], B = [[0.5, -1, 2]]; for x = [1, 1], x A = [3], so delta = [1.5, -3, 6]
        byte[] adapter = new OnnxAdapterWriter()
                .parameter("proj.lora_A", new long[] {2, 1}, new float[] {1, 2})
                .parameter("proj.lora_B", new long[] {1, 3}, new float[] {0.5f, -1, 2})
                .write(1, 1);
        assertThat(new String(adapter, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("TORT");

        var env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(loraGraph(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {{1, 1}});
             OrtLoraAdapter lora = OrtLoraAdapter.create(adapter);
             OrtSession.RunOptions withAdapter = new OrtSession.RunOptions()) {
            withAdapter.addActiveLoraAdapter(lora);
            float[] base;
            try (OrtSession.Result result = session.run(Map.of("x", x))) {
                base = ((float[][]) result.get("y").orElseThrow().getValue())[0];
            }
            float[] adapted;
            try (OrtSession.Result result = session.run(Map.of("x", x), withAdapter)) {
                adapted = ((float[][]) result.get("y").orElseThrow().getValue())[0];
            }

            assertThat(base).containsExactly(5, 7, 9);
            assertThat(adapted[0] - base[0]).isCloseTo(1.5f, within(1e-6f));
            assertThat(adapted[1] - base[1]).isCloseTo(-3f, within(1e-6f));
            assertThat(adapted[2] - base[2]).isCloseTo(6f, within(1e-6f));
        }
    }
}
