package dev.lacy.onnx.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A character-level Hugging Face {@code tokenizer.json}: the special tokens {@code <unk>},
 * {@code <eos>}, {@code <image>}, then the newline and every printable ASCII character, each its own
 * token, and a {@code Fuse} decoder, so decoding gives back exactly the text. Enough for every LACY
 * text format; the trainer may write a word-level vocabulary instead.
 */
public final class CharacterTokenizer {

    public static final List<String> SPECIAL = List.of("<unk>", "<eos>", "<image>");
    public static final List<String> CHARACTERS = characters();

    private CharacterTokenizer() {
    }

    public static int vocabularySize() {
        return SPECIAL.size() + CHARACTERS.size();
    }

    /** The token id of a character. */
    public static int id(char c) {
        int index = CHARACTERS.indexOf(String.valueOf(c));
        if (index < 0) {
            throw new IllegalArgumentException("'" + c + "' is not in the character vocabulary");
        }
        return SPECIAL.size() + index;
    }

    public static byte[] json() {
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        var added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIAL.size(); i++) {
            added.addObject().put("id", i).put("content", SPECIAL.get(i)).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode split = root.putObject("pre_tokenizer").put("type", "Split");
        // Oniguruma, the tokenizers' regex engine, has no (?s): [\s\S] is any character, newline included
        split.putObject("pattern").put("Regex", "[\\s\\S]");
        split.put("behavior", "Isolated").put("invert", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model").put("type", "WordLevel").put("unk_token", "<unk>");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < SPECIAL.size(); i++) {
            vocab.put(SPECIAL.get(i), i);
        }
        for (int i = 0; i < CHARACTERS.size(); i++) {
            vocab.put(CHARACTERS.get(i), SPECIAL.size() + i);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> characters() {
        var list = new ArrayList<String>();
        list.add("\n");
        for (char c = 32; c < 127; c++) {
            list.add(String.valueOf(c));
        }
        return List.copyOf(list);
    }
}
