package dev.lacy.core.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import org.junit.jupiter.api.Test;

/** What every {@link RobotArm} does, simulated or real. */
public abstract class AbstractRobotArmContractTest {

    /** A fresh arm over a table laid out as {@code scene}. */
    protected abstract RobotArm armOver(Scene scene);

    /** How far from the requested place point an arm may release (normalized units). */
    protected double placeTolerance() {
        return 0.01;
    }

    @Test
    void pickingAnObjectAndPlacingItOnFreeTableReportsThatObjectAndWhereItWent() {
        try (RobotArm arm = armOver(ContractScenes.TWO_OBJECTS)) {
            PickPlaceOutcome outcome = arm.pickAndPlace(new PickPlaceAction(new Point(0.31, 0.29), ContractScenes.FREE));

            assertThat(outcome).isInstanceOfSatisfying(PickPlaceOutcome.Placed.class, placed -> {
                assertThat(placed.object()).isEqualTo("lemon");
                assertThat(placed.placedAt().x()).isCloseTo(ContractScenes.FREE.x(), within(placeTolerance()));
                assertThat(placed.placedAt().y()).isCloseTo(ContractScenes.FREE.y(), within(placeTolerance()));
            });
        }
    }

    @Test
    void pickingWhereThereIsNoObjectGraspsNothing() {
        try (RobotArm arm = armOver(ContractScenes.TWO_OBJECTS)) {
            assertThat(arm.pickAndPlace(new PickPlaceAction(ContractScenes.EMPTY, ContractScenes.FREE)))
                    .isInstanceOf(PickPlaceOutcome.NothingGrasped.class);
        }
    }

    @Test
    void theTableKeepsItsStateFromOneActionToTheNext() {
        try (RobotArm arm = armOver(ContractScenes.TWO_OBJECTS)) {
            arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE));

            assertThat(arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.EMPTY)))
                    .as("the lemon is no longer where it was").isInstanceOf(PickPlaceOutcome.NothingGrasped.class);
            assertThat(arm.pickAndPlace(new PickPlaceAction(ContractScenes.FREE, ContractScenes.EMPTY)))
                    .isInstanceOfSatisfying(PickPlaceOutcome.Placed.class, p -> assertThat(p.object()).isEqualTo("lemon"));
        }
    }

    @Test
    void aClosedArmRefusesToMove() {
        RobotArm arm = armOver(ContractScenes.TWO_OBJECTS);
        arm.close();

        assertThatThrownBy(() -> arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE)))
                .isInstanceOf(IllegalStateException.class);
    }
}
