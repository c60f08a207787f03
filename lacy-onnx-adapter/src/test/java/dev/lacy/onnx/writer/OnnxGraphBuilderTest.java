package dev.lacy.onnx.writer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxGraphBuilderTest {

    @Test
    void aWrittenGraphRunsInOnnxRuntimeAndComputesWhatItSays() throws Exception {
        float[] w = {1, 2, 3, 4, 5, 6};
        byte[] model = new OnnxGraphBuilder("affine")
                .input("x", ElementType.FLOAT, "batch", 2)
                .initializer("w", new long[] {2, 3}, w)
                .initializer("b", new long[] {3}, new float[] {0.5f, -1, 2})
                .input("b", ElementType.FLOAT, 3)
                .node("MatMul", List.of("x", "w"), List.of("xw"))
                .node("Add", List.of("xw", "b"), List.of("y"))
                .node("Transpose", List.of("y"), List.of("yt"), Attribute.ints("perm", 1, 0))
                .output("y", ElementType.FLOAT, "batch", 3)
                .output("yt", ElementType.FLOAT, 3, "batch")
                .build();
        var env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {{1, 1}, {2, 0}})) {
            try (OrtSession.Result result = session.run(Map.of("x", x))) {
                float[][] y = (float[][]) result.get("y").orElseThrow().getValue();
                assertThat(y[0]).containsExactly(5.5f, 6, 11);
                assertThat(y[1]).containsExactly(2.5f, 3, 8);
                assertThat(((float[][]) result.get("yt").orElseThrow().getValue())[2]).containsExactly(11, 8);
            }
            // an input with an initializer default is hidden from the Java API: only an
            // OrtLoraAdapter (set per run, natively) can override it
            assertThat(session.getInputNames()).containsExactly("x");
        }
    }
}
