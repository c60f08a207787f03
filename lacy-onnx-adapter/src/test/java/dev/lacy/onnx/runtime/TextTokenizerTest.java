package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {

    /** The shipped base's tokenizer: a word-level vocabulary behind a long alternation regex, as real ones have. */
    private static final Path SHIPPED = Path.of("..", "models", "lacy-tiny-base", "tokenizer.json");

    @Test
    void aLongTextIsTokenizedWhateverTheCallersStackInsteadOfKillingTheJvm() throws Exception {
        String text = "Pick the lemon and place it in the center. ".repeat(1000); // 43,000 characters
        var ids = new AtomicReference<long[]>();
        var failure = new AtomicReference<Throwable>();
        try (var tokenizer = new TextTokenizer(SHIPPED)) {
            // a 512 KiB stack, as the native regex had under 4,000 characters on the 1 MiB main thread: it overflowed
            // the native stack and the JVM died with exit 139
            Thread small = new Thread(null, () -> {
                try {
                    ids.set(tokenizer.encode(text));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "small-stack", 512 * 1024);
            small.start();
            small.join();
            assertThat(failure.get()).isNull();
            // ten tokens a sentence, the first and the last merged with their neighbours' spaces
            assertThat(ids.get().length).isBetween(9_990, 10_010);
        }
    }

    @Test
    void aTextLongerThanAnyContextIsRefusedBeforeNativeCode() throws Exception {
        try (var tokenizer = new TextTokenizer(SHIPPED)) {
            assertThatThrownBy(() -> tokenizer.encode("a".repeat(TextTokenizer.MAX_CHARACTERS + 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100001 characters");
        }
    }
}
