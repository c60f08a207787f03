package dev.lacy.sim.tabletop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedTabletopTest {

    private final Scene scene = new Scene(List.of(
            new SceneObject("lemon", new Point(0.3, 0.3), 0.04),
            new SceneObject("bowl", new Point(0.6, 0.6), 0.1)));

    private EmbeddedTabletop table() {
        EmbeddedTabletop table = EmbeddedTabletop.standard(64);
        table.stage(scene);
        return table;
    }

    @Test
    void placingOntoAnotherObjectFailsAndLeavesEverythingWhereItWas() {
        EmbeddedTabletop table = table();

        PickPlaceOutcome outcome = table.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), new Point(0.62, 0.6)));

        assertThat(outcome).isInstanceOfSatisfying(PickPlaceOutcome.PlaceFailed.class,
                f -> assertThat(f.reason()).contains("collide with the bowl"));
        assertThat(table.scene()).isEqualTo(scene);
    }

    @Test
    void placingOverTheEdgeOfTheTableFails() {
        assertThat(table().pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), new Point(0.99, 0.5))))
                .isInstanceOfSatisfying(PickPlaceOutcome.PlaceFailed.class, f -> assertThat(f.reason()).contains("edge"));
    }

    @Test
    void theCameraSeesTheObjectWhereTheArmPutIt() {
        EmbeddedTabletop table = table();
        int before = table.capture().image().pixel(54, 19);

        table.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), new Point(0.85, 0.3)));

        assertThat(table.capture().image().pixel(54, 19)).isNotEqualTo(before);
        assertThat(table.capture().image().pixel(19, 19)).isEqualTo(TabletopRenderer.TABLE);
        assertThat(table.capture().groundTruth()).hasValueSatisfying(
                s -> assertThat(s.find("lemon").orElseThrow().center()).isEqualTo(new Point(0.85, 0.3)));
    }
}
