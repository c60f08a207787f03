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
 * <p>Three versions of the line differ only in a cell against a direction. Version 1 ({@link #BY_CELLS}, packages trained
 * before 2026-12-07, and fine-tunes on less data than 4,000 demonstrations now) compares where the cell lies from the
 * reference's cell, as above. Version 2 ({@link #BY_HALVES}, taught from 4,000 demonstrations on 2026-12-07) also names the quarter
 * of its cell the reference stands in ({@code its top left}), then which rows and which columns a place of the cell
 * near the reference may lie in from it: where the cell is
 * another row (column) than the reference's, that row's word; where it is the same, the half of the cell away from the
 * reference ({@code top} for a reference in the bottom half), after {@code middle or} ({@code center or}) where the cell
 * is another column (row); and each verdict says whether the direction's word is one of them: {@code ... in the bottom
 * right, its bottom right, top center or left of it, top left: top, top:1 and center or left, left:1}. A better rule of
 * thumb (87 against 82 % of the cell-against-direction pairs of 4,000 demonstrations' training data agree with it;
 * docs/experiments/2026-12-04-stronger-model.md, "The reference's half of its cell"). Version 3 ({@link #BY_PLACES},
 * taught from 4,000 demonstrations since) writes the same kinds of words, the rows and columns of the directions in which
 * the cell's places near the reference likely lie ({@link #likelyDirections}, from the copied center and the other
 * objects the grounding sentence lists), and the whole line after the copied center is held to its text (89 % of those
 * training pairs agree with it; "Where the cell's places near the reference lie"). The line names cells and quarters
 * from the center as it prints it, three decimals, as a copy of it reads back.
 */
public final class ComparisonFormat {

    /** Version 1: a cell against a direction by where the cell lies from the reference's cell. */
    public static final ComparisonFormat BY_CELLS = new ComparisonFormat(1);
    /** Version 2: a cell against a direction by the reference's half of its cell as well. */
    public static final ComparisonFormat BY_HALVES = new ComparisonFormat(2);
    /** Version 3: a cell against a direction by where the cell's places near the reference lie from it. */
    public static final ComparisonFormat BY_PLACES = new ComparisonFormat(3);
    /** The newest version. */
    public static final int LATEST = 3;

    private static final String[] ROWS = {"top", "middle", "bottom"};
    private static final String[] COLUMNS = {"left", "center", "right"};

    private final InstructionParser parser = new InstructionParser();
    private final GroundingFormat grounding = new GroundingFormat();
    private final int version;
    /** Versions 2 and 3: the quarter of its cell the reference stands in, and sets of words compared by membership. */
    private final boolean halves;

    private ComparisonFormat(int version) {
        this.version = version;
        this.halves = version >= 2;
    }

    /** The line of {@code version} (1, 2 or 3), or an {@link IllegalArgumentException} naming the versions there are. */
    public static ComparisonFormat version(int version) {
        return switch (version) {
            case 1 -> BY_CELLS;
            case 2 -> BY_HALVES;
            case 3 -> BY_PLACES;
            default -> throw new IllegalArgumentException("comparison line version " + version + " does not exist: it is 1 "
                    + "(by cells), 2 (by the reference's half of its cell) or 3 (by where the cell's places near the "
                    + "reference lie), not " + version);
        };
    }

    /** 1, 2 or 3 ({@link #version(int)}). */
    public int version() {
        return version;
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
            Point center = printed(scene.find(relative.reference()).orElseThrow(() -> new IllegalArgumentException(
                    "the instruction names '" + relative.reference() + "', which is not in the scene " + scene.names())).center());
            // the other objects, which only version 3 reads
            var others = new java.util.ArrayList<Point>();
            if (version == 3) {
                for (var object : scene.objects()) {
                    if (!object.name().equals(relative.reference()) && !object.name().equals(a.target())) {
                        others.add(printed(object.center()));
                    }
                }
            }
            line.append(": ").append(relative.reference()).append(" at ").append(center.format()).append(" in the")
                    .append(afterCenter(center, sets(absolute.cell(), center, others), rowColumnB));
        }
        return line.toString();
    }

    /**
     * A cell against a direction, the line after the reference's copied center: the words {@link #cellFromReference}
     * gives, the direction as a row and a column, then whether its row is one of the set's and, if it is, whether its
     * column is ({@code " bottom right, top center of it, top left: top, top:1 and center, left:0"}).
     */
    private String afterCenter(Point center, String[] sets, int[] direction) {
        var line = new StringBuilder(cellFromReference(center, sets)).append(' ')
                .append(ROWS[direction[0]]).append(' ').append(COLUMNS[direction[1]]).append(": ");
        if (member(line, sets[0], ROWS[direction[0]])) {
            line.append(" and ");
            member(line, sets[1], COLUMNS[direction[1]]);
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
     * A cell against a direction as the line writes it: the targets, the instruction's cell, the direction, the
     * reference's name and copied center, and the words after it up to {@code of it,} (versions 1 and 2: the reference's
     * cell named from its center and where the instruction's cell lies from that cell) or to the line's end (version 3).
     */
    private static final String CELL_AGAINST_DIRECTION =
            "\": (?<target>[^,:\"\n]+), [^,:\"\n]+:1 and (?<row>top|middle|bottom) (?<column>left|center|right), "
                    + "(?<directionRow>top|middle|bottom) (?<directionColumn>left|center|right) [^:\n]+: "
                    + "(?<reference>[^:,\n]+) at (?<center>" + Coordinates.POINT_TEXT + ") in the";
    private static final java.util.regex.Pattern CELL_FROM_REFERENCE =
            java.util.regex.Pattern.compile(CELL_AGAINST_DIRECTION + "(?<words> [^:\n]*? of it,)");
    private static final java.util.regex.Pattern AFTER_CENTER =
            java.util.regex.Pattern.compile(CELL_AGAINST_DIRECTION + "(?<words> .*)");

    /**
     * What a cell against a direction must have after its copied center where the line has something else, empty where
     * they agree or the center does not parse: by cells and by halves, the words up to {@code of it,} ({@code " bottom
     * right, top center of it,"}, {@code " bottom right, its top left, top center or right of it,"}): the copied center's
     * cell (and quarter), then where the instruction's cell lies from it (the same cell by cells: {@code middle center});
     * by places, the rest of the line ({@code " bottom right, its top left, top center of it, top right: top, top:1 and
     * center, right:0"}): the center's cell and quarter, the rows and columns of {@link #likelyDirections} from the center
     * and the other objects the grounding sentence {@code sentence} lists, the line's direction and the verdicts on those
     * words. All of it follows from the line's own text.
     */
    private java.util.Optional<String> heldCellFromReference(java.util.regex.Matcher where, String sentence) {
        Parsed<Point> center = Coordinates.parse(where.group("center"));
        if (!center.isOk()) {
            return java.util.Optional.empty();
        }
        GridCell cell = GridCell.at(java.util.Arrays.asList(COLUMNS).indexOf(where.group("column")),
                java.util.Arrays.asList(ROWS).indexOf(where.group("row")));
        // by places, the other objects are the ones the grounding sentence lists; one that does not read lists none
        var others = new java.util.ArrayList<Point>();
        if (version == 3) {
            String target = where.group("target").strip();
            String reference = where.group("reference").strip();
            if (grounding.parseListed(sentence) instanceof Parsed.Ok<java.util.List<GroundedObject>> listed) {
                listed.value().stream()
                        .filter(o -> !o.name().equals(target) && !o.name().equals(reference))
                        .forEach(o -> others.add(o.center()));
            }
        }
        String[] sets = sets(cell, center.orElseThrow(), others);
        String words;
        if (version == 3) {
            int[] direction = {java.util.Arrays.asList(ROWS).indexOf(where.group("directionRow")),
                    java.util.Arrays.asList(COLUMNS).indexOf(where.group("directionColumn"))};
            words = afterCenter(center.orElseThrow(), sets, direction);
        } else {
            words = cellFromReference(center.orElseThrow(), sets);
        }
        return words.equals(where.group("words").stripTrailing()) ? java.util.Optional.empty() : java.util.Optional.of(words);
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
     * center or}) where the cell is another column (row); by places, the rows and the columns of the directions
     * {@link #likelyDirections} gives ({@code others}: the centers of the objects other than the reference and the
     * target, which only version 3 reads).
     */
    private String[] sets(GridCell cell, Point center, java.util.List<Point> others) {
        int[] offset = offset(cell, center);
        if (!halves) {
            return new String[] {ROWS[offset[0]], COLUMNS[offset[1]]};
        }
        if (version == 3) {
            boolean[] rows = new boolean[3];
            boolean[] columns = new boolean[3];
            for (Direction direction : likelyDirections(cell, center, others)) {
                int[] words = rowAndColumn(direction);
                rows[words[0]] = true;
                columns[words[1]] = true;
            }
            return new String[] {wordSet(rows, ROWS), wordSet(columns, COLUMNS)};
        }
        int[] half = half(center);
        String rows = offset[0] != 1 ? ROWS[offset[0]] : (offset[1] != 1 ? "middle or " : "") + ROWS[2 - 2 * half[0]];
        String columns = offset[1] != 1 ? COLUMNS[offset[1]] : (offset[0] != 1 ? "center or " : "") + COLUMNS[2 - 2 * half[1]];
        return new String[] {rows, columns};
    }

    /** The words {@code chosen} marks, the middle one first, joined by {@code " or "}: {@code middle or top}. */
    private static String wordSet(boolean[] chosen, String[] words) {
        var set = new java.util.ArrayList<String>(3);
        for (int i : new int[] {1, 0, 2}) {
            if (chosen[i]) {
                set.add(words[i]);
            }
        }
        return String.join(" or ", set);
    }

    /** Points of a cell's side sampled by {@link #likelyDirections}: a regular lattice of this many per side. */
    private static final int LATTICE = 40;
    /** The radius every object is given by {@link #likelyDirections}: the grounding sentence lists centers only. */
    private static final double RADIUS = 0.05;
    /** The share of the cell's places near the reference a direction needs to be likely (chosen on training data). */
    private static final double LIKELY = 0.28;

    /**
     * The directions from the reference at {@code center} that a place in {@code cell} described by both (the cell and
     * a direction from this reference) likely lies in. Such a place is nearer the reference's contour than any other
     * object's ({@code others}), by more than {@code d_abs} (else the cell would not describe it) and less than {@code
     * d_rel} (else the direction would not); every object is taken as a disc of radius 0.05. Of the points of a 40 by 40
     * lattice over the cell that are such places, the directions more than 28 % of them lie in; where none has as many,
     * the one most of them lie in; where the cell has no such place, the direction of its center. The 28 % is where a
     * direction stops being more likely right than wrong in the training data, where a wrong direction is any of the
     * other seven (docs/formats.md, "The comparison line": version 3).
     */
    private static java.util.List<Direction> likelyDirections(GridCell cell, Point center, java.util.List<Point> others) {
        var thresholds = dev.lacy.core.spatial.SpatialThresholds.PAPER;
        int[] counts = new int[Direction.values().length];
        int near = 0;
        for (int i = 0; i < LATTICE; i++) {
            for (int j = 0; j < LATTICE; j++) {
                Point place = new Point((cell.column() + (i + 0.5) / LATTICE) / 3, (cell.row() + (j + 0.5) / LATTICE) / 3);
                double contour = place.distanceTo(center) - RADIUS;
                if (!(contour > thresholds.absolute() && contour < thresholds.relative())) {
                    continue;
                }
                boolean nearest = true;
                for (Point other : others) {
                    if (place.distanceTo(other) - RADIUS < contour) {
                        nearest = false;
                        break;
                    }
                }
                if (nearest) {
                    counts[Direction.from(center, place).ordinal()]++;
                    near++;
                }
            }
        }
        if (near == 0) {
            return java.util.List.of(Direction.from(center, cell.center()));
        }
        var likely = new java.util.ArrayList<Direction>();
        int most = 0;
        for (Direction direction : Direction.values()) {
            if (counts[direction.ordinal()] > LIKELY * near) {
                likely.add(direction);
            }
            most = counts[direction.ordinal()] > counts[most] ? direction.ordinal() : most;
        }
        return likely.isEmpty() ? java.util.List.of(Direction.values()[most]) : likely;
    }

    /** {@code point} as a line prints it, three decimals: what a copy of it reads back. */
    private static Point printed(Point point) {
        return Coordinates.parse(point.format()).orElseThrow();
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
     * the bottom right, top center of it,}), with the right words written (by places, the whole rest of the line, which
     * also reads the other objects the grounding sentence lists); else cut where the line stops at the same targets
     * ({@link #continued}). Empty where the line holds, or where there is none. Only the model's own text is read:
     * whether it copied the right center, and named the right cells, is the model's.
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
                java.util.regex.Matcher where = (version == 3 ? AFTER_CENTER : CELL_FROM_REFERENCE).matcher(line);
                if (where.find() && where.start("words") < cut) {
                    java.util.Optional<String> words = heldCellFromReference(where, completion.substring(0, Math.max(0, start - 1)));
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
        return rowAndColumn(((Placement.Relative) placement).direction());
    }

    /** Row 0-2 and column 0-2 of a direction's words ({@code top left}; {@code left} is {@code middle left}). */
    private static int[] rowAndColumn(Direction direction) {
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
