package dev.lacy.core.format;

import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;

/**
 * The comparison line of the L2C chain of thought, between the grounding sentence and the answer:
 * the two instructions' targets side by side with whether they are the same ({@code :1} or
 * {@code :0}), then, if they are, their placements side by side, with the same verdict wherever the
 * words decide it: {@code L2C lemon, lemon:1 and middle right, middle right:1}, {@code L2C lemon,
 * lemon:1 and left bowl, top left bowl:0}. Two targets that differ end the line ({@code L2C lemon,
 * mug:0}): the instructions are inconsistent whatever their placements, and the answer then comes
 * right after the verdict that decides it, as it does for the placements (a short-circuit "and").
 * Two absolute placements agree when they name the same cell, two relative ones with the same
 * reference when they name the same direction; an absolute against a relative placement, or two
 * references, depends on where the objects are, so the line gives no verdict and the answer decides
 * ({@code L2C lemon, lemon:1 and middle right, left bowl}). Each verdict follows the words it
 * compares within a few tokens (docs/formats.md).
 */
public final class ComparisonFormat {

    /** The line comparing {@code first} with {@code second}. */
    public String write(Instruction first, Instruction second) {
        boolean sameTarget = first.target().equals(second.target());
        var line = new StringBuilder("L2C ").append(first.target()).append(", ").append(second.target())
                .append(verdict(sameTarget));
        if (!sameTarget) {
            return line.toString();
        }
        line.append(" and ").append(phrase(first.placement())).append(", ").append(phrase(second.placement()));
        if (first.placement() instanceof Placement.Absolute a && second.placement() instanceof Placement.Absolute b) {
            line.append(verdict(a.cell() == b.cell()));
        } else if (first.placement() instanceof Placement.Relative a && second.placement() instanceof Placement.Relative b
                && a.reference().equals(b.reference())) {
            line.append(verdict(a.direction() == b.direction()));
        }
        return line.toString();
    }

    private static String verdict(boolean same) {
        return same ? ":1" : ":0";
    }

    private static String phrase(Placement placement) {
        if (placement instanceof Placement.Absolute absolute) {
            return absolute.cell().phrase();
        }
        var relative = (Placement.Relative) placement;
        return relative.direction().phrase() + " " + relative.reference();
    }
}
