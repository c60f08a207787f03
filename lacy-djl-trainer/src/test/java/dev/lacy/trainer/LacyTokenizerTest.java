package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LacyTokenizerTest {

    private static final List<String> NAMES = List.of("lemon", "mustard bottle", "red wood block", "rubiks cube");

    @Test
    void everyFormatRoundTripsExactlyAndKeepsTokensShort() {
        var cot = LacyPromptFormat.withChainOfThought();
        var texts = new ArrayList<>(DjlTrainer.templateCorpus(cot));
        var scene = new Scene(List.of(new SceneObject("lemon", new Point(0.493, 0.522), 0.04),
                new SceneObject("mustard bottle", new Point(0.211, 0.898), 0.06),
                new SceneObject("red wood block", new Point(1.0, 0.0), 0.05)));
        var action = new PickPlaceAction(new Point(0.513, 0.512), new Point(0.773, 0.531));
        texts.add(cot.groundingTarget(scene));
        texts.add(cot.l2aTarget(scene, "Pick the lemon and place it to the left of the mustard bottle", action));
        texts.add(cot.a2lTarget(scene, action, "Pick the lemon and place it to the left of the mustard bottle"));
        texts.add(cot.l2cTarget(scene, "Pick the lemon and place it to the left of the mustard bottle",
                "Grab the red wood block and move it in the top left of the workspace", true)
                + cot.l2cTarget(scene, "Pick the lemon and place it in the center", "Pick the lemon and place it in the center", false));
        texts.add(LacyPromptFormat.withoutChainOfThought().l2aTarget(scene, "Take the lemon and put it on the center of the table", action));
        texts.add(cot.l2cPrompt("Grab the lemon and move it to the top left of the table", "Take the rubiks cube"));
        texts.add("unknown words, ascii only: zebra ~ {braces} [0.5] 12 objects\n\n");
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(cot), new TreeSet<>(NAMES))) {
            for (String withImage : texts) {
                // the runtime takes <image> out of a prompt before encoding it: image tokens go there
                String text = withImage.replace("<image>", "");
                assertThat(tokenizer.decode(tokenizer.encode(text))).as("round trip of %s", text).isEqualTo(text);
                // line by line, from the cache of recent lines, the same tokens as the whole text at once, twice
                assertThat(tokenizer.encode(text)).as("lines of %s", text).containsExactly(tokenizer.encodeAtOnce(text));
                assertThat(tokenizer.encode(text)).containsExactly(tokenizer.encodeAtOnce(text));
            }
            for (String edge : List.of("", "\n", "\n\n", "a\n", "\nb", "lemon\n\nlemon")) {
                assertThat(tokenizer.encode(edge)).as("'%s'", edge).containsExactly(tokenizer.encodeAtOnce(edge));
            }
            assertThat(tokenizer.encode("(0.493,0.522)")).hasSize(7);
            assertThat(tokenizer.encode(" mustard bottle")).hasSize(1);
            assertThat(tokenizer.encode("1")).hasSize(1);
            assertThat(tokenizer.encode("0")).hasSize(1);
            // a prompt and its completion encode the same apart as together
            String instruction = "Pick the lemon and place it in the center of the workspace";
            String prompt = cot.l2aPrompt(instruction).replace("<image>", "");
            String completion = cot.l2aTarget(scene, instruction, action);
            long[] apart = concat(tokenizer.encode(prompt), tokenizer.encode(completion));
            assertThat(tokenizer.encode(prompt + completion)).containsExactly(apart);
            LacyTokenizer read = LacyTokenizer.read(tokenizer.json());
            assertThat(read.size()).isEqualTo(tokenizer.size());
            assertThat(read.encode(completion)).containsExactly(tokenizer.encode(completion));
            read.close();
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
