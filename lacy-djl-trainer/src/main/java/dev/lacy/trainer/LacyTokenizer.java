package dev.lacy.trainer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.util.RecentValues;
import dev.lacy.onnx.writer.CharacterTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word-level Hugging Face tokenizer of a lacy-tiny model, generated from the template
 * vocabulary: every word of the corpus (with and without a leading space), every object name as
 * one token, coordinates {@code 0.00} to {@code 1.00} as one token each (the third decimal is a
 * digit token), a few punctuation pairs, and every printable ASCII character and the newline as
 * a fallback, so that any ASCII text encodes and decodes back exactly ({@code Fuse} decoder). No token
 * spans a newline, so a prompt and its completion encode the same apart or together. Loaded with
 * DJL's tokenizers, as the runtime loads it.
 */
final class LacyTokenizer implements AutoCloseable {

    static final List<String> SPECIAL = List.of("<unk>", "<eos>", "<image>");
    static final int EOS = 1;
    private static final Pattern WORD = Pattern.compile(" ?<?[A-Za-z][A-Za-z0-9]*>?");
    private static final List<String> PUNCTUATION = List.of(" (", "),", ").", " /", "\",", "\".");

    private final byte[] json;
    private final List<String> vocabulary;
    private final HuggingFaceTokenizer tokenizer;
    private final long newline;
    /** The tokens of lines encoded lately (texts without a newline), most recent last. */
    private final RecentValues<String, long[]> recentLines = new RecentValues<>(4096);

    private LacyTokenizer(byte[] json, List<String> vocabulary) {
        this.json = json.clone();
        this.vocabulary = List.copyOf(vocabulary);
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            newline = tokenizer.encode("\n", false, false).getIds()[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the generated tokenizer", e);
        }
    }

    /** A tokenizer for texts like {@code corpus} and the object names {@code names}. */
    static LacyTokenizer build(Collection<String> corpus, Collection<String> names) {
        var literals = new TreeSet<String>();
        for (String text : corpus) {
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                if (m.group().strip().length() > 1) {
                    literals.add(m.group());
                }
            }
        }
        for (String name : names) {
            literals.add(name);
            literals.add(" " + name);
        }
        for (int i = 0; i <= 100; i++) {
            literals.add(String.format(Locale.ROOT, "%d.%02d", i / 100, i % 100));
        }
        literals.addAll(PUNCTUATION);
        var vocabulary = new ArrayList<>(SPECIAL);
        vocabulary.add("\n");
        for (char c = 32; c < 127; c++) {
            vocabulary.add(String.valueOf(c));
        }
        for (String literal : literals) {
            if (!vocabulary.contains(literal)) {
                vocabulary.add(literal);
            }
        }
        return new LacyTokenizer(json(vocabulary, literals), vocabulary);
    }

    /** The tokenizer of a {@code tokenizer.json} this class wrote. */
    static LacyTokenizer read(byte[] json) {
        try {
            JsonNode vocab = new ObjectMapper().readTree(json).path("model").path("vocab");
            var entries = new ArrayList<Map.Entry<String, Integer>>();
            vocab.fields().forEachRemaining(e -> entries.add(Map.entry(e.getKey(), e.getValue().intValue())));
            entries.sort(Map.Entry.comparingByValue());
            var vocabulary = new ArrayList<String>();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).getValue() != i) {
                    throw new IllegalArgumentException("tokenizer.json: the vocabulary ids are not 0.." + (entries.size() - 1));
                }
                vocabulary.add(entries.get(i).getKey());
            }
            return new LacyTokenizer(json, vocabulary);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer.json is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] json(List<String> vocabulary, Collection<String> literals) {
        var ordered = new ArrayList<>(literals);
        ordered.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        var regex = new StringBuilder();
        for (String literal : ordered) {
            regex.append(quote(literal)).append('|');
        }
        // Oniguruma, the tokenizers' regex engine, has no (?s): [\s\S] is any character, newline included
        regex.append("[\\s\\S]");
        return CharacterTokenizer.wordLevelJson(SPECIAL, vocabulary, regex.toString());
    }

    private static String quote(String literal) {
        var out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
            }
        }
        return out.toString();
    }

    byte[] json() {
        return json.clone();
    }

    int size() {
        return vocabulary.size();
    }

    String token(int id) {
        return vocabulary.get(id);
    }

    int id(String token) {
        int id = vocabulary.indexOf(token);
        if (id < 0) {
            throw new IllegalArgumentException("'" + token + "' is not a token");
        }
        return id;
    }

    /** Whether {@code token} is one entry of the vocabulary. */
    boolean has(String token) {
        return vocabulary.contains(token);
    }

    long[] encode(String text) {
        // no token spans a newline, so a text's tokens are its lines' tokens with a newline between: a demonstration's
        // grounding sentence opens its L2A, A2L and every L2C completion, and is split by the regex once, not eighteen times
        String[] lines = text.split("\n", -1);
        long[][] parts = new long[lines.length][];
        int total = lines.length - 1;
        for (int i = 0; i < lines.length; i++) {
            parts[i] = line(lines[i]);
            total += parts[i].length;
        }
        long[] out = new long[total];
        for (int i = 0, at = 0; i < parts.length; at += parts[i].length, i++) {
            if (i > 0) {
                out[at++] = newline;
            }
            System.arraycopy(parts[i], 0, out, at, parts[i].length);
        }
        return out;
    }

    /** The tokenizer's own encoding of the whole text at once, which {@link #encode} equals. */
    long[] encodeAtOnce(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** The tokens of a text without a newline, from the recent lines' cache or the tokenizer (shared: never written to). */
    private long[] line(String text) {
        return recentLines.get(text, line -> line.isEmpty() ? new long[0] : tokenizer.encode(line, false, false).getIds());
    }

    String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
