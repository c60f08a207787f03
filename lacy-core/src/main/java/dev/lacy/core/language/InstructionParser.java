package dev.lacy.core.language;

import dev.lacy.core.scene.ObjectName;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an instruction back into its meaning. Accepts, case-insensitively and tolerant of spaces
 * and a final full stop, every variant {@link InstructionTemplates} generates plus the synonyms of
 * docs/formats.md, "Instructions": the pick verbs {@code pick (up)}, {@code grasp}, {@code grab}, {@code take};
 * the place verbs {@code place}, {@code put}, {@code move}; {@code in}/{@code on}/{@code to} before
 * a placement; {@code of the workspace}/{@code of the table} after a cell; {@code upper}/{@code lower}
 * for {@code top}/{@code bottom}; {@code middle} for {@code center}; and both {@code to the X of the Y}
 * and {@code to the X to the Y}. Anything else is a {@link Parsed.Failure}; it never throws.
 */
public final class InstructionParser {

    private static final int MAX_LENGTH = 400;
    /** The pick verbs an instruction may open with, as a regular expression (lower case; spaces as the text has them). */
    public static final String PICK_VERB = "(?:pick\\s+up|pick|grasp|grab|take)";
    private static final Pattern SENTENCE = Pattern.compile(
            "(?:pick up|pick|grasp|grab|take) (?:the )?(?<target>[^ ].*?) and (?:place|put|move) (?:it )?"
                    + "(?:in|on|to) the (?<where>.+)");
    private static final Pattern WORKSPACE_SUFFIX = Pattern.compile("(?<cell>.+) of the (?:workspace|table)");
    private static final Pattern RELATIVE = Pattern.compile(
            "(?<direction>(?:(?:top|upper|bottom|lower) )?(?:left|right)|top|upper|bottom|lower)"
                    + " (?:of|to) the (?<reference>.+)");
    private static final Map<String, GridCell> CELLS = cellPhrases();
    private static final Map<String, Direction> DIRECTIONS = directionPhrases();

    public Parsed<Instruction> parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.failure("the instruction is empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Parsed.failure("the instruction is longer than " + MAX_LENGTH + " characters");
        }
        String normalized = normalize(text);
        Matcher sentence = SENTENCE.matcher(normalized);
        if (!sentence.matches()) {
            return Parsed.failure("'" + text.strip() + "' does not have the form"
                    + " '<pick verb> the <object> and <place verb> it <in|on|to> the <placement>'");
        }
        String target = sentence.group("target");
        if (!ObjectName.isValid(target)) {
            return Parsed.failure("'" + target + "' is not a valid object name");
        }
        return parsePlacement(sentence.group("where")).map(placement -> new Instruction(target, placement));
    }

    /**
     * The words of {@code text} from its pick verb to its target, as they are written (case and spaces kept, the
     * text stripped): {@code Pick up the lemon} for {@code "Pick up the lemon and place it in the center"}. What
     * {@link #parse} rejects is a failure with its reason.
     */
    public Parsed<String> pickPhrase(String text) {
        return parse(text).map(instruction -> pickPhrase(text, instruction));
    }

    /** {@link #pickPhrase(String)} of {@code text} that {@link #parse} has already read as {@code instruction}. */
    public String pickPhrase(String text, Instruction instruction) {
        var target = new StringBuilder();
        for (String word : instruction.target().split(" ")) {
            target.append(target.isEmpty() ? "" : "\\s+").append(Pattern.quote(word));
        }
        Matcher phrase = Pattern.compile(PICK_VERB + "\\s+(?:the\\s+)?" + target + "(?=\\s)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text.strip());
        if (!phrase.lookingAt()) {
            throw new IllegalArgumentException("'" + text + "' does not begin with a pick verb and '" + instruction.target() + "'");
        }
        return phrase.group();
    }

    private static Parsed<Placement> parsePlacement(String where) {
        Matcher workspace = WORKSPACE_SUFFIX.matcher(where);
        if (workspace.matches()) {
            return cell(workspace.group("cell"));
        }
        Matcher relative = RELATIVE.matcher(where);
        if (relative.matches()) {
            String reference = relative.group("reference");
            if (!ObjectName.isValid(reference)) {
                return Parsed.failure("'" + reference + "' is not a valid object name");
            }
            return Parsed.ok(new Placement.Relative(DIRECTIONS.get(relative.group("direction")), reference));
        }
        return cell(where);
    }

    private static Parsed<Placement> cell(String phrase) {
        return Optional.ofNullable(CELLS.get(phrase))
                .<Parsed<Placement>>map(c -> Parsed.ok(new Placement.Absolute(c)))
                .orElseGet(() -> Parsed.failure("'" + phrase + "' is neither a cell of the 3x3 grid"
                        + " nor '<direction> of the <object>'"));
    }

    private static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        while (lower.endsWith(".") || lower.endsWith("!")) {
            lower = lower.substring(0, lower.length() - 1).strip();
        }
        return lower;
    }

    private static Map<String, GridCell> cellPhrases() {
        Map<String, String[]> rows = Map.of(
                "top", new String[] {"top", "upper"},
                "middle", new String[] {"middle", "center", "centre"},
                "bottom", new String[] {"bottom", "lower"});
        Map<String, String[]> columns = Map.of(
                "left", new String[] {"left"},
                "center", new String[] {"center", "middle", "centre"},
                "right", new String[] {"right"});
        var phrases = new HashMap<String, GridCell>();
        for (GridCell cell : GridCell.values()) {
            String rowKey = new String[] {"top", "middle", "bottom"}[cell.row()];
            String columnKey = new String[] {"left", "center", "right"}[cell.column()];
            for (String row : rows.get(rowKey)) {
                for (String column : columns.get(columnKey)) {
                    phrases.put(row + " " + column, cell);
                }
            }
        }
        for (String alone : new String[] {"center", "middle", "centre"}) {
            phrases.put(alone, GridCell.CENTER);
        }
        return Map.copyOf(phrases);
    }

    private static Map<String, Direction> directionPhrases() {
        var phrases = new HashMap<String, Direction>();
        for (Direction direction : Direction.values()) {
            String phrase = direction.phrase();
            phrases.put(phrase, direction);
            phrases.put(phrase.replace("top", "upper"), direction);
            phrases.put(phrase.replace("bottom", "lower"), direction);
        }
        return Map.copyOf(phrases);
    }
}
