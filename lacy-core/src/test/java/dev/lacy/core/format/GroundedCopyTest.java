package dev.lacy.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroundedCopyTest {

    private final GroundedCopy copies = new GroundedCopy();

    // completions as fine-tuned models wrote them on test scenes (the misses of docs/experiments)
    private static final String SUGAR_BOX = "There are 4 objects in the image: tennis ball at (0.338,0.049), "
            + "sugar box at (0.343,0.442), softball at (0.218,0.422), sponge at (0.390,0.873).\n";

    @Test
    void aPickPointCopiedFromAnotherEntryIsCutThereAndTheNamedObjectsCenterWritten() {
        String completion = SUGAR_BOX + "The place is in the bottom right at (0.833,0.833). Pick the sugar box at (0.342,0.059).\n"
                + "<pick> at (0.342,0.059) / <place> at (0.833,0.833)";
        assertThat(copies.correction(completion)).contains(SUGAR_BOX
                + "The place is in the bottom right at (0.833,0.833). Pick the sugar box at (0.343,0.442).");
    }

    @Test
    void aPickPointCopiedAfterTheInstructionsOwnPickPhraseIsHeldToo() {
        for (String phrase : java.util.List.of("Grab the sugar box", "Pick up the sugar box", "take sugar box")) {
            String line = "The place is in the bottom right at (0.833,0.833). " + phrase + " at ";
            String completion = SUGAR_BOX + line + "(0.342,0.059).\n<pick> at (0.342,0.059) / <place> at (0.833,0.833)";
            assertThat(copies.correction(completion)).as(phrase).contains(SUGAR_BOX + line + "(0.343,0.442).");
        }
    }

    @Test
    void aReferencesCenterIsHeldFirst() {
        String grounding = "There are 3 objects in the image: orange block at (0.640,0.379), large clamp at (0.480,0.749), "
                + "bowl at (0.780,0.871).\n";
        String completion = grounding + "The large clamp is at (0.490,0.749). The place is to its top at (0.490,0.549). "
                + "Pick the bowl at (0.780,0.871).\n<pick> at (0.780,0.871) / <place> at (0.490,0.549)";
        assertThat(copies.correction(completion)).contains(grounding + "The large clamp is at (0.480,0.749).");
    }

    @Test
    void copiesAsTheSentenceHasThemAndNamesItListsTwiceOrNotAtAllAreLeftAsWritten() {
        String agreeing = SUGAR_BOX + "The place is in the bottom right at (0.833,0.833). Pick the sugar box at (0.343,0.442).\n"
                + "<pick> at (0.343,0.442) / <place> at (0.833,0.833)";
        assertThat(copies.correction(agreeing)).isEmpty();
        // written with other digits for the same point: the same copy
        assertThat(copies.correction(agreeing.replace("Pick the sugar box at (0.343,0.442)", "Pick the sugar box at (0.343, 0.4420)")))
                .isEmpty();

        String twice = "There are 3 objects in the image: red cylinder at (0.803,0.437), tennis ball at (0.127,0.470), "
                + "red cylinder at (0.145,0.856).\n";
        assertThat(copies.correction(twice + "The place is in the center at (0.500,0.500). Pick the red cylinder at "
                + "(0.793,0.437).\n")).isEmpty();
        assertThat(copies.correction(SUGAR_BOX + "The place is in the center at (0.500,0.500). Pick the large marker at "
                + "(0.226,0.955).\n")).isEmpty();
    }

    @Test
    void withoutAGroundingSentenceOrAReferentsLineThereIsNothingToHoldTo() {
        assertThat(copies.correction("<pick> at (0.342,0.059) / <place> at (0.833,0.833)")).isEmpty();
        assertThat(copies.correction("There are objects everywhere.\nPick the sugar box at (0.342,0.059).")).isEmpty();
        assertThat(copies.correction(SUGAR_BOX)).isEmpty();
        // an unfinished copy is not a copy
        assertThat(copies.correction(SUGAR_BOX + "The place is in the center at (0.500,0.500). Pick the sugar box at (0.34"))
                .isEmpty();
    }
}
