package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.ObjectName;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grounding sentence, the first step of every chain of thought:
 * {@code There are 3 objects in the image: lemon at (0.493,0.522), mustard bottle at (0.211,0.898), cable at (0.902,0.912).}
 * Objects are listed in the canonical reading order of {@link Scene#inReadingOrder()}.
 */
public final class GroundingFormat {

    private static final Pattern SENTENCE = Pattern.compile(
            "there (?:are|is)\\s+(\\d{1,3}|[a-z]+)\\s+objects?\\s+in\\s+the\\s+image\\s*(?::\\s*(.*?))?\\s*\\.?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** The paper's figures spell the count as a word; the writer uses digits, the parser reads both. */
    private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty");
    private static final Pattern ENTRY = Pattern.compile(
            "\\s*(.+?)\\s+at\\s+(\\(\\s*" + Coordinates.NUMBER + "\\s*,\\s*" + Coordinates.NUMBER + "\\s*\\))\\s*");

    public String write(Scene scene) {
        List<GroundedObject> objects = scene.inReadingOrder().stream()
                .map(o -> new GroundedObject(o.name(), o.center()))
                .toList();
        return write(objects);
    }

    /** Writes the objects in the order given. */
    public String write(List<GroundedObject> objects) {
        int n = objects.size();
        var text = new StringBuilder(n == 1 ? "There is 1 object in the image" : "There are " + n + " objects in the image");
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? ": " : ", ");
            text.append(objects.get(i).name()).append(" at ").append(objects.get(i).center().format());
        }
        return text.append('.').toString();
    }

    public Parsed<List<GroundedObject>> parse(String text) {
        return parse(text, true);
    }

    /**
     * The objects a grounding sentence lists, whatever count it announces: a model that miscounts still locates
     * what it lists (Algorithm 1's {@code GroundingCheck} reads its own grounding this way).
     */
    public Parsed<List<GroundedObject>> parseListed(String text) {
        return parse(text, false);
    }

    private Parsed<List<GroundedObject>> parse(String text, boolean counted) {
        if (text == null) {
            return Parsed.failure("the grounding sentence is missing");
        }
        Matcher sentence = SENTENCE.matcher(text.strip());
        if (!sentence.matches()) {
            return Parsed.failure("'" + abbreviate(text) + "' is not a grounding sentence"
                    + " ('There are N objects in the image: <name> at (x,y), ...')");
        }
        String spelled = sentence.group(1).toLowerCase(java.util.Locale.ROOT);
        int count = spelled.chars().allMatch(Character::isDigit) ? Integer.parseInt(spelled) : NUMBER_WORDS.indexOf(spelled);
        if (count < 0) {
            return Parsed.failure("'" + sentence.group(1) + "' is not a number of objects");
        }
        String list = sentence.group(2) == null ? "" : sentence.group(2).strip();
        var objects = new ArrayList<GroundedObject>();
        if (!list.isEmpty()) {
            for (String entry : list.split("\\)\\s*,", -1)) {
                Parsed<GroundedObject> object = parseEntry(entry.strip().endsWith(")") ? entry : entry + ")");
                if (object instanceof Parsed.Failure<GroundedObject> failure) {
                    return Parsed.failure(failure.reason());
                }
                objects.add(object.orElseThrow());
            }
        }
        if (counted && objects.size() != count) {
            return Parsed.failure("the grounding sentence announces " + count + " objects but lists " + objects.size());
        }
        return Parsed.ok(List.copyOf(objects));
    }

    private static Parsed<GroundedObject> parseEntry(String entry) {
        Matcher m = ENTRY.matcher(entry);
        if (!m.matches()) {
            return Parsed.failure("'" + entry.strip() + "' is not '<name> at (x,y)'");
        }
        String name = m.group(1).strip().replaceAll("\\s+", " ");
        if (!ObjectName.isValid(name)) {
            return Parsed.failure("'" + name + "' is not a valid object name");
        }
        Parsed<Point> center = Coordinates.parse(m.group(2));
        return center.map(c -> new GroundedObject(name, c));
    }

    static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() <= 80 ? stripped : stripped.substring(0, 77) + "...";
    }
}
