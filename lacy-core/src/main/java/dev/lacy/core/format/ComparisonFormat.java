package dev.lacy.core.format;

import dev.lacy.core.language.InstructionParser;
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
 * decides it ({@code L2C "Pick the lemon", "Take the mug": lemon, mug:0}). An absolute against a
 * relative placement, or two references, depends on where the objects are, so the line gives no
 * verdict after the placements and the answer decides
 * ({@code L2C "Pick the lemon", "Pick the lemon": lemon, lemon:1 and middle right, middle left bowl})
 * (docs/formats.md).
 */
public final class ComparisonFormat {

    private static final String[] ROWS = {"top", "middle", "bottom"};
    private static final String[] COLUMNS = {"left", "center", "right"};

    private final InstructionParser parser = new InstructionParser();

    /**
     * The line comparing the instruction {@code first} with {@code second}; one that does not parse is an
     * {@link IllegalArgumentException} with the parser's reason.
     */
    public String write(String first, String second) {
        Instruction a = parser.parse(first).orElseThrow();
        Instruction b = parser.parse(second).orElseThrow();
        var line = new StringBuilder("L2C \"").append(parser.pickPhrase(first).orElseThrow()).append("\", \"")
                .append(parser.pickPhrase(second).orElseThrow()).append("\": ");
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
            if (compare(line, ROWS[rowColumnA[0]], ROWS[rowColumnB[0]])) {
                line.append(" and ");
                compare(line, COLUMNS[rowColumnA[1]], COLUMNS[rowColumnB[1]]);
            }
        }
        return line.toString();
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
