package dev.lacy.sim.coppeliasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.port.Camera;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.contract.AbstractCameraContractTest;
import dev.lacy.core.port.contract.AbstractRobotArmContractTest;
import dev.lacy.core.port.contract.AbstractSceneStagerContractTest;
import dev.lacy.core.port.contract.ContractScenes;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.TabletopRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CoppeliaSimTableTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    private static CoppeliaSimConfig config(String endpoint) {
        CoppeliaSimConfig defaults = CoppeliaSimConfig.defaults(endpoint);
        return new CoppeliaSimConfig(endpoint, Duration.ofSeconds(5), defaults.idleTimeout(), defaults.visionSensor(), defaults.ikTarget(),
                defaults.objectsParent(), defaults.gripperSignal(), defaults.imageToTable(), 0, 0.15, 0.02, 0.03, 2, false);
    }

    private RemoteApiPeerTestDouble peer() {
        return peer(new SceneModelTestDouble(CoppeliaSimConfig.defaults("tcp://x:1").imageToTable()));
    }

    private RemoteApiPeerTestDouble peer(SceneModelTestDouble scene) {
        var peer = new RemoteApiPeerTestDouble(scene);
        opened.add(peer);
        return peer;
    }

    private CoppeliaSimTable tableOver(Scene scene, RemoteApiPeerTestDouble peer) {
        CoppeliaSimTable table = CoppeliaSimTable.open(config(peer.endpoint()), ObjectCatalogue.standard());
        table.stage(scene);
        return table;
    }

    @AfterEach
    void closePeers() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Nested
    class AsRobotArm extends AbstractRobotArmContractTest {
        @Override
        protected RobotArm armOver(Scene scene) {
            return tableOver(scene, peer());
        }
    }

    @Nested
    class AsSceneStager extends AbstractSceneStagerContractTest {
        @Override
        protected Table freshTable() {
            CoppeliaSimTable table = CoppeliaSimTable.open(config(peer().endpoint()), ObjectCatalogue.standard());
            return new Table(table, table);
        }
    }

    @Nested
    class AsCamera extends AbstractCameraContractTest {
        @Override
        protected Camera cameraOver(Scene scene) {
            return tableOver(scene, peer());
        }
    }

    @Test
    void aPickAndPlaceIsTheWaypointSequenceThroughTheIkTargetInSteppingMode() {
        RemoteApiPeerTestDouble peer = peer();
        try (CoppeliaSimTable table = tableOver(ContractScenes.TWO_OBJECTS, peer)) {
            int before = peer.requests().size();

            PickPlaceOutcome outcome = table.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE));

            assertThat(outcome).isInstanceOf(PickPlaceOutcome.Placed.class);
            List<String> motion = peer.requests().subList(before, peer.requests().size()).stream()
                    .map(r -> r.get("func").asText() + (r.get("func").asText().equals("sim.setInt32Signal")
                            ? "=" + r.get("args").get(1).asInt() : r.get("func").asText().equals("sim.setObjectPosition")
                            ? "@z" + Math.round(r.get("args").get(1).get(2).asDouble() * 100) : ""))
                    .filter(f -> f.startsWith("sim.setInt32Signal") || f.startsWith("sim.setObjectPosition"))
                    .toList();
            assertThat(motion).containsExactly(
                    "sim.setInt32Signal=0", "sim.setObjectPosition@z15", "sim.setObjectPosition@z2",
                    "sim.setInt32Signal=1", "sim.setObjectPosition@z15", "sim.setObjectPosition@z15",
                    "sim.setObjectPosition@z2", "sim.setInt32Signal=0", "sim.setObjectPosition@z15");
            assertThat(peer.functions()).contains("sim.setStepping");
            assertThat(peer.functions().stream().filter("sim.step"::equals).count()).isGreaterThanOrEqualTo(9 * 2);
        }
    }

    @Test
    void theCameraFlipsTheSensorsBottomUpRowsAndKnowsTheScene() {
        RemoteApiPeerTestDouble peer = peer();
        try (CoppeliaSimTable table = tableOver(ContractScenes.TWO_OBJECTS, peer)) {
            var observation = table.capture();

            RgbImage expected = new TabletopRenderer(ObjectCatalogue.standard(), 48, Randomization.NONE)
                    .render(ContractScenes.TWO_OBJECTS, new SplittableRandom(0));
            assertThat(observation.image()).isEqualTo(expected);
            var lemon = observation.groundTruth().orElseThrow().find("lemon").orElseThrow();
            assertThat(lemon.center().x()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(lemon.radius()).as("read from the shape's bounding box").isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aSceneWithoutTheContractsObjectsIsRefusedNamingThePath() {
        var peer = new RemoteApiPeerTestDouble(request -> Optional.of(
                request.get("func").asText().equals("sim.getObject") ? RemoteApiPeerTestDouble.err("object does not exist")
                        : request.get("func").asText().equals("zmqRemoteApi.info")
                        ? RemoteApiPeerTestDouble.ret(java.util.Map.of("handle_world", java.util.Map.of("const", -1)))
                        : RemoteApiPeerTestDouble.ret()));
        opened.add(peer);

        assertThatThrownBy(() -> CoppeliaSimTable.open(config(peer.endpoint()), ObjectCatalogue.standard()))
                .hasMessageContaining("'/visionSensor'").hasMessageContaining("docs/coppeliasim.md");
    }

    @Test
    void openingStartsTheStoppedSimulationInSteppingModeAndClosingStopsIt() {
        var scene = new SceneModelTestDouble(CoppeliaSimConfig.defaults("tcp://x:1").imageToTable());
        RemoteApiPeerTestDouble peer = peer(scene);
        CoppeliaSimTable table = tableOver(ContractScenes.TWO_OBJECTS, peer);

        assertThat(scene.running()).isTrue();
        assertThat(scene.stepping()).isTrue();
        assertThat(peer.functions()).containsSubsequence("sim.setStepping", "sim.startSimulation");
        assertThat(table.capture().image().toBytes()).as("a sensor handled in a running simulation is not black")
                .satisfies(rgb -> assertThat(IntStream.range(0, rgb.length).anyMatch(i -> rgb[i] != 0)).isTrue());
        table.close();
        assertThat(scene.running()).isFalse();
    }

    @Test
    void aSimulationTheUserAlreadyStartedIsLeftRunning() {
        var scene = new SceneModelTestDouble(CoppeliaSimConfig.defaults("tcp://x:1").imageToTable());
        RemoteApiPeerTestDouble peer = peer(scene);
        scene.apply(RemoteApiPeerTestDoubleRequests.call("sim.startSimulation"));

        CoppeliaSimTable.open(config(peer.endpoint()), ObjectCatalogue.standard()).close();

        assertThat(peer.functions()).doesNotContain("sim.startSimulation", "sim.stopSimulation");
        assertThat(scene.running()).isTrue();
    }

    @Test
    void theServerKeepsTheSteppingModeThroughAMinuteWithoutACall() {
        var scene = new SceneModelTestDouble(CoppeliaSimConfig.defaults("tcp://x:1").imageToTable());
        RemoteApiPeerTestDouble peer = peer(scene);
        try (CoppeliaSimTable table = tableOver(ContractScenes.TWO_OBJECTS, peer)) {
            assertThat(peer.requests().get(0).get("timeout").asLong()).as("idle seconds, as the server reads them").isEqualTo(600);
            scene.idle(60);

            PickPlaceOutcome outcome = table.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE));

            assertThat(scene.stepping()).isTrue();
            assertThat(outcome).isInstanceOf(PickPlaceOutcome.Placed.class);
        }
    }

    @Test
    void aliasesKeepLettersDigitsAndUnderscores() {
        assertThat(CoppeliaSimTable.alias("chef's 3-hole block")).isEqualTo("chef_s_3_hole_block");
    }
}
