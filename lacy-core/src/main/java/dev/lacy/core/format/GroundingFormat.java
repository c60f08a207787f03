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
        return write(objects.size(), objects);
    }

    private static String write(int n, List<GroundedObject> objects) {
        var text = new StringBuilder(n == 1 ? "There is 1 object in the image" : "There are " + n + " objects in the image");
        for (int i = 0; i < objects.size(); i++) {
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
        Parsed<Listing> listing = listing(text);
        if (listing instanceof Parsed.Failure<Listing> failure) {
            return Parsed.failure(failure.reason());
        }
        Listing read = listing.orElseThrow();
        if (counted && read.objects().size() != read.count()) {
            return Parsed.failure("the grounding sentence announces " + read.count() + " objects but lists "
                    + read.objects().size());
        }
        return Parsed.ok(read.objects());
    }

    /** What a grounding sentence announces and lists. */
    private record Listing(int count, List<GroundedObject> objects) {
    }

    private static Parsed<Listing> listing(String text) {
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
        return Parsed.ok(new Listing(count, List.copyOf(objects)));
    }

    /**
     * Two listed centers nearer than this (workspace units) are one object written twice: objects that do not overlap
     * stand two footprints apart, and the smallest footprint of the embedded tabletop's catalogue is 0.03 (docs/formats.md,
     * "A grounding sentence held to itself").
     */
    public static final double ONE_OBJECT = 0.02;

    /**
     * A grounding sentence held to itself: an entry whose center lies within {@link #ONE_OBJECT} of an earlier entry's is
     * dropped (the same object written twice; the earlier entry kept, whatever the names), and the count and the list
     * made to agree. Where fewer entries are left than the sentence announces and {@code continuing}, the sentence up to
     * its last kept entry and the comma after it ({@code There are 7 objects in the image: mug at (0.845,0.138), ...,
     * orange cylinder at (0.402,0.908),}), for the model to go on listing; otherwise, where an entry was dropped or the
     * count is not the list's, the kept entries as a whole sentence, counted ({@link #write(List)}); a sentence that ends
     * open (after a comma, or the colon) reads as the entries before it. Empty where the sentence already agrees with
     * itself, and where it does not read (left as written).
     */
    public java.util.Optional<String> held(String sentence, boolean continuing) {
        // a sentence left open (a model that stopped right after the comma it was given) reads as its entries so far
        String stripped = sentence.strip();
        boolean open = stripped.endsWith(",") || stripped.endsWith(":");
        Parsed<Listing> listing = listing(open ? stripped.substring(0, stripped.length() - 1) : stripped);
        if (!listing.isOk()) {
            return java.util.Optional.empty();
        }
        Listing read = listing.orElseThrow();
        var kept = new ArrayList<GroundedObject>();
        for (GroundedObject object : read.objects()) {
            if (kept.stream().noneMatch(k -> k.center().distanceTo(object.center()) < ONE_OBJECT)) {
                kept.add(object);
            }
        }
        if (continuing && kept.size() < read.count()) {
            String whole = write(read.count(), kept);
            return java.util.Optional.of(whole.substring(0, whole.length() - 1) + (kept.isEmpty() ? ":" : ","));
        }
        if (open || kept.size() < read.objects().size() || kept.size() != read.count()) {
            return java.util.Optional.of(write(kept));
        }
        return java.util.Optional.empty();
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
