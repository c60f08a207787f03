package dev.lacy.core.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.data.Sample;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link DatasetStore} does. */
public abstract class AbstractDatasetStoreContractTest {

    /** A fresh, empty store. */
    protected abstract DatasetStore createStore();

    public static RgbImage image(int seed) {
        byte[] rgb = new byte[8 * 6 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 31 + seed * 17);
        }
        return RgbImage.of(8, 6, rgb);
    }

    public static Demonstration demonstration(int seed) {
        return new Demonstration(Observation.of(image(seed), ContractScenes.TWO_OBJECTS),
                "Pick the lemon and place it in the bottom left of the workspace",
                PickPlaceAction.of(0.3, 0.3, 0.123456789, 0.9 - seed / 1000.0));
    }

    @Test
    void readsBackEveryKindOfSampleExactlyAndInOrder() {
        DatasetStore store = createStore();
        List<Sample> samples = List.of(
                demonstration(1),
                new GroundingSample(Observation.of(image(2), ContractScenes.TWO_OBJECTS)),
                new ConsistencySample(Observation.imageOnly(image(3)), "Pick the lemon and place it in the center",
                        "Grab the lemon and put it on the center of the table", true),
                new Demonstration(Observation.imageOnly(image(4)), "Take the lemon and move it to the top left",
                        PickPlaceAction.of(0, 0, 1, 1)),
                new InstructionSample(Observation.of(image(5), ContractScenes.TWO_OBJECTS),
                        "Pick the lemon and place it in the center"),
                new Demonstration(Observation.imageOnly(image(6)), "Take the lemon and move it to the top left",
                        PickPlaceAction.of(0.1, 0.2, 0.3, 0.4), java.util.Optional.of(
                                "There is 1 object in the image: lemon at (0.100,0.200).\nPick the lemon at (0.100,0.200).\n")));

        store.append("train", samples);

        assertThat(store.read("train")).isEqualTo(samples);
        assertThat(store.size("train")).isEqualTo(6);
    }

    @Test
    void appendsAccumulateAndDatasetsAreSeparate() {
        DatasetStore store = createStore();
        store.append("train", List.of(demonstration(1)));
        store.append("train", List.of(demonstration(2), demonstration(3)));
        store.append("test", List.of(demonstration(4)));

        assertThat(store.read("train")).containsExactly(demonstration(1), demonstration(2), demonstration(3));
        assertThat(store.read("test")).containsExactly(demonstration(4));
    }

    @Test
    void anUnknownDatasetHasSizeZeroAndReadingItNamesIt() {
        DatasetStore store = createStore();

        assertThat(store.size("nothing-here")).isZero();
        assertThatThrownBy(() -> store.read("nothing-here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing-here");
    }

    @Test
    void readingOneKindNamesTheFirstSampleOfAnotherKind() {
        DatasetStore store = createStore();
        store.append("mixed", List.of(demonstration(1), new GroundingSample(Observation.of(image(2), ContractScenes.TWO_OBJECTS))));

        assertThat(store.read("mixed", Sample.class)).hasSize(2);
        assertThatThrownBy(() -> store.read("mixed", Demonstration.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 1").hasMessageContaining("GroundingSample");
    }

    @Test
    void aViewHoldsWhatAReadHoldsAndNamesASampleOfAnotherKind() {
        DatasetStore store = createStore();
        var grounding = new GroundingSample(Observation.of(image(2), ContractScenes.TWO_OBJECTS));
        store.append("mixed", List.of(demonstration(1), grounding));

        assertThat(store.view("mixed", Sample.class)).isEqualTo(store.read("mixed"));
        // refused when the view is made or, at the latest, when the sample is reached
        assertThatThrownBy(() -> store.view("mixed", Demonstration.class).get(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 1").hasMessageContaining("GroundingSample");
        assertThatThrownBy(() -> store.view("nothing-here", Sample.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing-here");
    }

    @Test
    void datasetNamesThatCouldEscapeOrConfuseTheStoreAreRefused() {
        DatasetStore store = createStore();

        for (String bad : List.of("", "../escape", "a/b", "UPPER", "with space")) {
            assertThatThrownBy(() -> store.append(bad, List.of(demonstration(1))))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
