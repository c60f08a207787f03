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
        var vocabulary = new ArrayList<>(SPECIAL);
        vocabulary.addAll(CHARACTERS);
        // Oniguruma, the tokenizers' regex engine, has no (?s): [\s\S] is any character, newline included
        return wordLevelJson(SPECIAL, vocabulary, "[\\s\\S]");
    }

    /**
     * A WordLevel {@code tokenizer.json}: {@code special} are the first ids and added special tokens,
     * {@code vocabulary} (specials first) maps token to id in order, a {@code Split} pre-tokenizer isolates
     * every match of {@code regex}, and a {@code Fuse} decoder joins the tokens back into the text.
     */
    public static byte[] wordLevelJson(List<String> special, List<String> vocabulary, String regex) {
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        var added = root.putArray("added_tokens");
        for (int i = 0; i < special.size(); i++) {
            added.addObject().put("id", i).put("content", special.get(i)).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode split = root.putObject("pre_tokenizer").put("type", "Split");
        split.putObject("pattern").put("Regex", regex);
        split.put("behavior", "Isolated").put("invert", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model").put("type", "WordLevel").put("unk_token", special.get(0));
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < vocabulary.size(); i++) {
            vocab.put(vocabulary.get(i), i);
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
