package dev.lacy.sim.tabletop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CatalogueAndRenderingTest {

    private final ObjectCatalogue catalogue = ObjectCatalogue.standard();

    @Test
    void theCatalogueHas32YcbObjectsAndColouredBlocksAndCylinders() {
        assertThat(ObjectCatalogue.ycb()).hasSize(32);
        assertThat(catalogue.entries()).extracting(CatalogueEntry::name).doesNotHaveDuplicates()
                .contains("mustard bottle", "lemon", "yellow block", "blue cylinder");
        assertThat(catalogue.entries()).allSatisfy(e -> assertThat(e.radius()).isBetween(ObjectCatalogue.MIN_RADIUS, 0.12));
    }

    @Test
    void theCataloguesFootprintsAreItsEntriesRadiiAndKnowNothingElse() {
        var footprints = catalogue.footprints();
        assertThat(catalogue.entries()).allSatisfy(e -> assertThat(footprints.radius(e.name())).hasValue(e.radius()));
        assertThat(footprints.radius("unicorn")).isEmpty();
    }

    @Test
    void everyObjectLooksDifferentFromEveryOther() {
        var renderer = new TabletopRenderer(catalogue, 64, Randomization.NONE);
        var looks = new HashSet<RgbImage>();
        for (CatalogueEntry entry : catalogue.entries()) {
            // the same footprint for all, so only shape and colour can tell them apart
            looks.add(renderer.render(new Scene(List.of(new SceneObject(entry.name(), new Point(0.5, 0.5), 0.2))),
                    new SplittableRandom(0)));
        }
        assertThat(looks).hasSameSizeAs(catalogue.entries());
    }

    @Test
    void renderingIsDeterministicAndRandomisationChangesOnlyThePicture() {
        Scene scene = SceneSampler.standard().sample(new SplittableRandom(5));
        var plain = new TabletopRenderer(catalogue, 96, Randomization.NONE);
        var randomised = new TabletopRenderer(catalogue, 96, Randomization.MODERATE);

        assertThat(plain.render(scene, new SplittableRandom(1))).isEqualTo(plain.render(scene, new SplittableRandom(2)));
        assertThat(randomised.render(scene, new SplittableRandom(1))).isEqualTo(randomised.render(scene, new SplittableRandom(1)))
                .isNotEqualTo(randomised.render(scene, new SplittableRandom(2)))
                .isNotEqualTo(plain.render(scene, new SplittableRandom(1)));
    }

    @Test
    void theObjectsCenterPixelHasItsCatalogueMarkColour() {
        var renderer = new TabletopRenderer(catalogue, 100, Randomization.NONE);
        RgbImage image = renderer.render(new Scene(List.of(new SceneObject("tomato soup can", new Point(0.505, 0.505), 0.05))),
                new SplittableRandom(0));

        assertThat(image.pixel(50, 50)).isEqualTo(catalogue.find("tomato soup can").orElseThrow().mark());
        assertThat(image.pixel(5, 5)).isEqualTo(TabletopRenderer.TABLE);
    }

    @Property(tries = 50)
    void sampledScenesHaveThreeToEightObjectsOnTheTableWithoutOverlaps(@ForAll long seed) {
        Scene scene = SceneSampler.standard().sample(new SplittableRandom(seed));

        assertThat(scene.objects()).hasSizeBetween(3, 8);
        for (SceneObject a : scene.objects()) {
            assertThat(a.center().x() - a.radius()).isGreaterThanOrEqualTo(0);
            assertThat(a.center().x() + a.radius()).isLessThanOrEqualTo(1);
            assertThat(a.center().y() - a.radius()).isGreaterThanOrEqualTo(0);
            assertThat(a.center().y() + a.radius()).isLessThanOrEqualTo(1);
            for (SceneObject b : scene.objects()) {
                if (a != b) {
                    assertThat(a.center().distanceTo(b.center())).isGreaterThanOrEqualTo(a.radius() + b.radius() + 0.02);
                }
            }
        }
        assertThat(SceneSampler.standard().sample(new SplittableRandom(seed))).isEqualTo(scene);
    }
}
