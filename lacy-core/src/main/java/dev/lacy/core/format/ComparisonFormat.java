package dev.lacy.core.format;

import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;

/**
 * The comparison line of the L2C chain of thought, between the grounding sentence and the answer.
 * It opens with each instruction's pick phrase copied as written, in quotes ({@code "Pick up the
 * lemon", "Grab the lemon":}): the words before each target in the prompt lead the copy to it, as
 * they do for L2A's referents line. Then the two targets side by side with whether they are the
 * same ({@code :1} or {@code :0}); then, if they are, their placements side by side, each written as
 * two words, a row and a column ({@code center} is {@code middle center}, the direction {@code left}
 * is {@code middle left}, {@code top} is {@code top center}), with the reference's name after a
 * relative one; then, where the words decide it (two cells, or two directions from the same
 * reference), the rows side by side with their verdict and, if they agree, the columns with theirs:
 * {@code L2C "Pick the lemon", "Grab the lemon": lemon, lemon:1 and middle right, middle right: middle, middle:1 and right, right:1},
 * {@code L2C "Take the lemon", "Take the lemon": lemon, lemon:1 and middle left bowl, top left bowl: middle, top:0}.
 * Every verdict compares two single words three tokens apart and the line ends at the first
 * {@code :0} (a short-circuit "and"), so the answer always comes right after the verdict that
 * decides it ({@code L2C "Pick the lemon", "Take the mug": lemon, mug:0}). A cell against a
 * direction (the cell first) depends on where the reference is: the line copies the reference's
 * center, names its cell, then where the instruction's cell lies from that cell (a row and a column:
 * {@code middle center} for the same cell) beside the direction, and compares those as two cells:
 * {@code ... and top right, middle left bowl: bowl at (0.902,0.912) in the bottom right, top center of it,
 * middle left: top, middle:0}. That is a rule of thumb, not the truth (83 % of such test pairs agree
 * with it): the answer after it decides. A direction against a cell (the direction first), or two
 * references, depends on where the demonstration put the object, so the line gives no verdict after the
 * placements and the answer decides
 * ({@code L2C "Pick the lemon", "Pick the lemon": lemon, lemon:1 and middle left bowl, middle right})
 * (docs/formats.md).
 *
 * <p>Two versions of the line differ only in a cell against a direction. Version 1 ({@link #BY_CELLS}, packages trained
 * before 2026-12-07, and fine-tunes on less data than 4,000 demonstrations now) compares where the cell lies from the
 * reference's cell, as above. Version 2 ({@link #BY_HALVES}, taught from 4,000 demonstrations) also names the quarter
 * of its cell the reference stands in ({@code its top left}), then which rows and which columns a place of the cell
 * near the reference may lie in from it: where the cell is
 * another row (column) than the reference's, that row's word; where it is the same, the half of the cell away from the
 * reference ({@code top} for a reference in the bottom half), after {@code middle or} ({@code center or}) where the cell
 * is another column (row); and each verdict says whether the direction's word is one of them: {@code ... in the bottom
 * right, its bottom right, top center or left of it, top left: top, top:1 and center or left, left:1}. A better rule of
 * thumb (87 against 82 % of the cell-against-direction pairs of 4,000 demonstrations' training data agree with it;
 * docs/experiments/2026-12-04-stronger-model.md, "The reference's half of its cell").
 */
public final class ComparisonFormat {

    /** Version 1: a cell against a direction by where the cell lies from the reference's cell. */
    public static final ComparisonFormat BY_CELLS = new ComparisonFormat(false);
    /** Version 2: a cell against a direction by the reference's half of its cell as well. */
    public static final ComparisonFormat BY_HALVES = new ComparisonFormat(true);
    /** The newest version. */
    public static final int LATEST = 2;

    private static final String[] ROWS = {"top", "middle", "bottom"};
    private static final String[] COLUMNS = {"left", "center", "right"};

    private final InstructionParser parser = new InstructionParser();
    private final boolean halves;

    private ComparisonFormat(boolean halves) {
        this.halves = halves;
    }

    /** The line of {@code version} (1 or 2), or an {@link IllegalArgumentException} naming the versions there are. */
    public static ComparisonFormat version(int version) {
        return switch (version) {
            case 1 -> BY_CELLS;
            case 2 -> BY_HALVES;
            default -> throw new IllegalArgumentException("comparison line version " + version + " does not exist: it is 1 "
                    + "(by cells) or 2 (by the reference's half of its cell), not " + version);
        };
    }

    /** 1 or 2 ({@link #version(int)}). */
    public int version() {
        return halves ? 2 : 1;
    }

    /**
     * The line comparing the instruction {@code first} with {@code second} over {@code scene}; one that does not
     * parse, or a reference the scene lacks, is an {@link IllegalArgumentException} saying so.
     */
    public String write(Scene scene, String first, String second) {
        Instruction a = parser.parse(first).orElseThrow();
        Instruction b = parser.parse(second).orElseThrow();
        var line = new StringBuilder("L2C \"").append(parser.pickPhrase(first, a)).append("\", \"")
                .append(parser.pickPhrase(second, b)).append("\": ");
        if (!compare(line, a.target(), b.target())) {
            return line.toString();
        }
        line.append(" and ").append(phrase(a.placement())).append(", ").append(phrase(b.placement()));
        int[] rowColumnA = rowAndColumn(a.placement());
        int[] rowColumnB = rowAndColumn(b.placement());
        // two cells, or two directions from the same reference: the words decide it
        boolean decided = (a.placement() instanceof Placement.Absolute && b.placement() instanceof Placement.Absolute)
                || (a.placement() instanceof Placement.Relative r && b.placement() instanceof Placement.Relative s
                && r.reference().equals(s.reference()));
        if (decided) {
            line.append(": ");
            compareRowsThenColumns(line, rowColumnA, rowColumnB);
        } else if (a.placement() instanceof Placement.Absolute absolute && b.placement() instanceof Placement.Relative relative) {
            // a cell against a direction: where the cell lies from the reference's cell, against the direction
            Point center = scene.find(relative.reference()).orElseThrow(() -> new IllegalArgumentException(
                    "the instruction names '" + relative.reference() + "', which is not in the scene " + scene.names())).center();
            String[] sets = sets(absolute.cell(), center);
            line.append(": ").append(relative.reference()).append(" at ").append(center.format()).append(" in the")
                    .append(cellFromReference(center, sets)).append(' ')
                    .append(ROWS[rowColumnB[0]]).append(' ').append(COLUMNS[rowColumnB[1]]).append(": ");
            if (member(line, sets[0], ROWS[rowColumnB[0]])) {
                line.append(" and ");
                member(line, sets[1], COLUMNS[rowColumnB[1]]);
            }
        }
        return line.toString();
    }

    /** A comparison line that ends at the targets' verdict, the targets the same: nothing else may end there. */
    private static final java.util.regex.Pattern ENDS_AT_SAME_TARGETS =
            java.util.regex.Pattern.compile("L2C \"[^\"\n]*\", \"[^\"\n]*\": ([^,:\n]+), \\1:1[ \\t]*");
    /** A verdict: two words (or names) side by side and whether they are the same, after {@code ": "} or {@code " and "}. */
    private static final java.util.regex.Pattern VERDICT =
            java.util.regex.Pattern.compile("(?<=: | and )([^,:\"\n]+), ([^,:\"\n]+):([01])");

    /**
     * A cell against a direction as the line writes it: the instruction's cell, the reference's copied center, the
     * reference's cell named from it and where the instruction's cell lies from that cell.
     */
    private static final java.util.regex.Pattern CELL_FROM_REFERENCE = java.util.regex.Pattern.compile(
            ":1 and (?<row>top|middle|bottom) (?<column>left|center|right), [^:\n]+: [^:,\n]+ at (?<center>"
                    + Coordinates.POINT_TEXT + ") in the(?<words> [^:\n]*? of it,)");

    /**
     * The words a cell against a direction must have after its copied center, {@code " bottom right, top center of it,"}
     * (by halves {@code " bottom right, its top left, top center or right of it,"}), where the line has others; empty
     * where they agree or the center does not parse. They follow from the line alone: the copied center's cell (and
     * quarter), then where the instruction's cell lies from it (the same cell by cells: {@code middle center}).
     */
    private java.util.Optional<String> heldCellFromReference(java.util.regex.Matcher where) {
        Parsed<Point> center = Coordinates.parse(where.group("center"));
        if (!center.isOk()) {
            return java.util.Optional.empty();
        }
        GridCell cell = GridCell.at(java.util.Arrays.asList(COLUMNS).indexOf(where.group("column")),
                java.util.Arrays.asList(ROWS).indexOf(where.group("row")));
        String words = cellFromReference(center.orElseThrow(), sets(cell, center.orElseThrow()));
        return words.equals(where.group("words")) ? java.util.Optional.empty() : java.util.Optional.of(words);
    }

    /**
     * The reference's cell, from its center, then where the instruction's cell lies from it ({@code " bottom right, top center of
     * it,"}); by halves, the quarter of its cell the reference stands in, then which rows and columns a place of the
     * cell near it may lie in from it ({@code " bottom right, its top left, top center or right of it,"}): {@code sets},
     * {@link #sets} of the instruction's cell and {@code center}.
     */
    private String cellFromReference(Point center, String[] sets) {
        GridCell at = GridCell.of(center);
        String quarter = "";
        if (halves) {
            int[] half = half(center);
            quarter = " its " + ROWS[2 * half[0]] + " " + COLUMNS[2 * half[1]] + ",";
        }
        return " " + ROWS[at.row()] + " " + COLUMNS[at.column()] + "," + quarter + " " + sets[0] + " " + sets[1] + " of it,";
    }

    /** The half of its cell {@code center} lies in, row then column: 0 the top (left) half, 1 the bottom (right) one. */
    private static int[] half(Point center) {
        return new int[] {Math.min(5, (int) (center.y() * 6)) % 2, Math.min(5, (int) (center.x() * 6)) % 2};
    }

    /**
     * The rows, then the columns, {@code cell} is compared with the direction by: by cells, where it lies from the
     * reference's cell (one word each, {@code middle} and {@code center} for the same row and column); by halves, where
     * the cell is another row (column) than the reference's, that row's word, and where it is the same, the half away from
     * the reference's ({@code top} for a reference in the bottom half of its cell), after {@code middle or} ({@code
     * center or}) where the cell is another column (row).
     */
    private String[] sets(GridCell cell, Point center) {
        int[] offset = offset(cell, center);
        if (!halves) {
            return new String[] {ROWS[offset[0]], COLUMNS[offset[1]]};
        }
        int[] half = half(center);
        String rows = offset[0] != 1 ? ROWS[offset[0]] : (offset[1] != 1 ? "middle or " : "") + ROWS[2 - 2 * half[0]];
        String columns = offset[1] != 1 ? COLUMNS[offset[1]] : (offset[0] != 1 ? "center or " : "") + COLUMNS[2 - 2 * half[1]];
        return new String[] {rows, columns};
    }

    /** Appends {@code set, word:v}, v whether {@code word} is one of the set's ({@code middle or top}), and answers it. */
    private static boolean member(StringBuilder line, String set, String word) {
        boolean in = inSet(set, word);
        line.append(set).append(", ").append(word).append(in ? ":1" : ":0");
        return in;
    }

    /** Whether {@code word} is {@code set} or one of its words separated by {@code " or "}. */
    private static boolean inSet(String set, String word) {
        return java.util.Arrays.asList(set.strip().split(" or ")).contains(word.strip());
    }

    /** Where {@code cell} lies from the cell of {@code center}, as indices into the rows and the columns (1, 1: the same cell). */
    private static int[] offset(GridCell cell, Point center) {
        GridCell at = GridCell.of(center);
        return new int[] {Integer.signum(cell.row() - at.row()) + 1, Integer.signum(cell.column() - at.column()) + 1};
    }

    /**
     * A completion (the grounding sentence, then lines, perhaps the answer) held to its comparison line where the line's
     * own words decide what comes: cut at the first verdict that says otherwise than its two words ({@code right,
     * center:1}, {@code orange block, orange cylinder:1}, {@code right, right:0}) with the right verdict written, after
     * the first {@code :0} where the line goes on past it with the line ended there, or at a cell against a direction whose
     * words after the copied center say otherwise than the center and the instruction's cell ({@code (0.730,0.718) in
     * the bottom right, top center of it,}), with the right words written; else cut where the line stops at the same
     * targets ({@link #continued}). Empty where the line holds, or where there is none. Only the model's own text is
     * read: whether it copied the right center, and named the right cells, is the model's.
     */
    public java.util.Optional<String> held(String completion) {
        int start = 0;
        while (start <= completion.length()) {
            int end = completion.indexOf('\n', start);
            String line = completion.substring(start, end < 0 ? completion.length() : end);
            if (line.startsWith("L2C \"")) {
                // the first place in the line where its words say otherwise than the line's own text decides
                int cut = Integer.MAX_VALUE;
                String written = null;
                java.util.regex.Matcher verdict = VERDICT.matcher(line);
                while (verdict.find()) {
                    // a set of two words is read by halves only: by cells, "middle or top" is not a word of the line
                    boolean same = halves ? inSet(verdict.group(1), verdict.group(2))
                            : verdict.group(1).strip().equals(verdict.group(2).strip());
                    if (same != verdict.group(3).equals("1")) {
                        cut = verdict.start(3);
                        written = same ? "1" : "0";
                        break;
                    }
                    if (!same && !line.substring(verdict.end()).isBlank()) {
                        // the line ends at its first :0, and the answer comes next
                        cut = verdict.end();
                        written = "\n";
                        break;
                    }
                }
                java.util.regex.Matcher where = CELL_FROM_REFERENCE.matcher(line);
                if (where.find() && where.start("words") < cut) {
                    java.util.Optional<String> words = heldCellFromReference(where);
                    if (words.isPresent()) {
                        // cut before the words' own spaces: a tokenizer has " top", not "top" after a space
                        cut = where.start("words");
                        written = words.get();
                    }
                }
                if (written != null) {
                    return java.util.Optional.of(completion.substring(0, start + cut) + written);
                }
                break;
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return continued(completion);
    }

    /**
     * A completion (the grounding sentence, then lines, perhaps the answer) with a comparison line that ends at the
     * targets' verdict where the two targets are the same, cut after that verdict with {@code " and"}, the word every
     * such line goes on with ({@link #write}: the placements are compared next); empty for every other completion. A
     * completion that stops there has left the placements out, and its answer would be read without them.
     */
    public static java.util.Optional<String> continued(String completion) {
        int start = 0;
        while (start <= completion.length()) {
            int end = completion.indexOf('\n', start);
            String line = completion.substring(start, end < 0 ? completion.length() : end);
            if (ENDS_AT_SAME_TARGETS.matcher(line).matches()) {
                return java.util.Optional.of(completion.substring(0, start) + line.stripTrailing() + " and");
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return java.util.Optional.empty();
    }

    /** Appends the rows' verdict and, if they agree, the columns'. */
    private static void compareRowsThenColumns(StringBuilder line, int[] a, int[] b) {
        if (compare(line, ROWS[a[0]], ROWS[b[0]])) {
            line.append(" and ");
            compare(line, COLUMNS[a[1]], COLUMNS[b[1]]);
        }
    }

    /** Appends {@code first, second:v} and answers whether the two are the same. */
    private static boolean compare(StringBuilder line, String first, String second) {
        boolean same = first.equals(second);
        line.append(first).append(", ").append(second).append(same ? ":1" : ":0");
        return same;
    }

    private static String phrase(Placement placement) {
        int[] rowAndColumn = rowAndColumn(placement);
        String words = ROWS[rowAndColumn[0]] + " " + COLUMNS[rowAndColumn[1]];
        return placement instanceof Placement.Relative relative ? words + " " + relative.reference() : words;
    }

    /** Row 0-2 (top, middle, bottom) and column 0-2 (left, center, right) of a cell or a direction. */
    private static int[] rowAndColumn(Placement placement) {
        if (placement instanceof Placement.Absolute absolute) {
            GridCell cell = absolute.cell();
            return new int[] {cell.row(), cell.column()};
        }
        Direction direction = ((Placement.Relative) placement).direction();
        return switch (direction) {
            case TOP_LEFT -> new int[] {0, 0};
            case TOP -> new int[] {0, 1};
            case TOP_RIGHT -> new int[] {0, 2};
            case LEFT -> new int[] {1, 0};
            case RIGHT -> new int[] {1, 2};
            case BOTTOM_LEFT -> new int[] {2, 0};
            case BOTTOM -> new int[] {2, 1};
            case BOTTOM_RIGHT -> new int[] {2, 2};
        };
    }
}
