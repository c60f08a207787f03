package dev.lacy.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.testing.PaperScene;
import org.junit.jupiter.api.Test;

class GroundingMatchTest {

    @Test
    void theScenesOwnSentenceIsExactAndPlacesEveryObject() {
        GroundingMatch match = GroundingMatch.of(PaperScene.SCENE, new GroundingFormat().write(PaperScene.SCENE));

        assertThat(match.malformed()).isFalse();
        assertThat(match.exact()).isTrue();
        assertThat(match.objects()).isEqualTo(4);
        assertThat(match.within()).isEqualTo(4);
        assertThat(match.matched()).isEqualTo(4);
        assertThat(match.error()).isZero();
        assertThat(match.written()).isEqualTo(match.expected()).containsExactly("cable", "lemon", "mustard bottle", "red wood block");
    }

    @Test
    void aNameWrittenTwiceIsNotExactAndItsObjectCountsOnceWithinItsFootprint() {
        GroundingMatch match = GroundingMatch.of(PaperScene.SCENE, "There are 4 objects in the image: lemon at (0.493,0.522), "
                + "lemon at (0.500,0.520), mustard bottle at (0.211,0.898), cable at (0.902,0.912).");

        assertThat(match.malformed()).isFalse();
        assertThat(match.exact()).isFalse();
        assertThat(match.written()).containsExactly("cable", "lemon", "lemon", "mustard bottle");
        assertThat(match.within()).as("lemon, mustard bottle, cable").isEqualTo(3);
        assertThat(match.matched()).isEqualTo(4);
        assertThat(match.error()).isCloseTo(0.00728, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void aMiscountedSentenceIsMalformedButWhatItListsIsScoredAndTextThatIsNoSentenceScoresNothing() {
        GroundingMatch miscounted = GroundingMatch.of(PaperScene.SCENE, "There are 4 objects in the image: lemon at (0.493,0.522), "
                + "mustard bottle at (0.500,0.500), red wood block at (0.452,0.122).");
        GroundingMatch none = GroundingMatch.ofCompletion(PaperScene.SCENE, "<pick> at (0.493,0.522) / <place> at (0.1,0.1)\nmore");

        assertThat(miscounted.malformed()).isTrue();
        assertThat(miscounted.exact()).isFalse();
        assertThat(miscounted.written()).containsExactly("lemon", "mustard bottle", "red wood block");
        assertThat(miscounted.within()).as("the mustard bottle is placed off its footprint").isEqualTo(2);
        assertThat(none.malformed()).isTrue();
        assertThat(none.written()).isEmpty();
        assertThat(none.within()).isZero();
        assertThat(none.objects()).isEqualTo(4);
    }

    @Test
    void aCompletionIsScoredByItsFirstLine() {
        String sentence = new GroundingFormat().write(PaperScene.SCENE);

        assertThat(GroundingMatch.ofCompletion(PaperScene.SCENE, sentence + "\nThe place is ...\n<pick> ..."))
                .isEqualTo(GroundingMatch.of(PaperScene.SCENE, sentence));
    }
}
