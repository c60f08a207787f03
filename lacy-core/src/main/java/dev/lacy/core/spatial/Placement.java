package dev.lacy.core.spatial;

import dev.lacy.core.scene.ObjectName;

/** Where an instruction asks to place: a cell of the workspace, or a direction from another object. */
public sealed interface Placement {

    /** "in the middle right of the workspace". */
    record Absolute(GridCell cell) implements Placement {
        public Absolute {
            if (cell == null) {
                throw new IllegalArgumentException("an absolute placement needs a cell");
            }
        }
    }

    /** "to the top right of the mustard bottle". */
    record Relative(Direction direction, String reference) implements Placement {
        public Relative {
            if (direction == null) {
                throw new IllegalArgumentException("a relative placement needs a direction");
            }
            ObjectName.require(reference);
        }
    }
}
