package dev.lacy.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.scene.Footprints;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClearPlaceTest {

    private static final Map<String, Double> RADII = Map.of("power drill", 0.1, "orange cylinder", 0.04, "apple", 0.045,
            "red cylinder", 0.04, "softball", 0.05, "master chef can", 0.064, "mustard bottle", 0.06, "bleach cleanser", 0.07, "red block", 0.04);
    private final ClearPlace clear = new ClearPlace(Footprints.of(RADII), SpatialThresholds.PAPER);

    // a fine-tuned model's completion on a test scene (a miss of docs/experiments): the middle right cell's center is
    // where the mustard bottle stands, and the arm refuses to put the orange cylinder on it
    private static final String SEVEN = "There are 7 objects in the image: power drill at (0.749,0.118), orange cylinder at "
            + "(0.892,0.265), apple at (0.729,0.308), master chef can at (0.353,0.413), mustard bottle at (0.909,0.503), "
            + "bleach cleanser at (0.089,0.589), red block at (0.413,0.926).";
    private static final String ON_THE_BOTTLE = SEVEN + "\nThe place is in the middle right at (0.833,0.500). "
            + "Pick the orange cylinder at (0.892,0.265).\n<pick> at (0.892,0.265) / <place> at (0.833,0.500)";
    private static final Pattern POINT = Pattern.compile("\\((\\d\\.\\d{3}),(\\d\\.\\d{3})\\)");

    @Test
    void aCellsCenterWhereAnotherListedObjectStandsIsMovedToTheNearestClearPointOfThatCell() {
        String held = clear.held(ON_THE_BOTTLE).orElseThrow();

        String[] lines = held.split("\n");
        assertThat(lines[0]).isEqualTo(SEVEN);
        assertThat(lines[1]).startsWith("The place is in the middle right at (").endsWith("). Pick the orange cylinder at (0.892,0.265).");
        Point place = firstPoint(lines[1]);
        assertThat(GridCell.of(place)).isEqualTo(GridCell.MIDDLE_RIGHT);
        // clear of the bottle by both footprints and the taught clearance, and no further from the center than that needs
        double gap = place.distanceTo(new Point(0.909, 0.503)) - 0.06 - 0.04;
        assertThat(gap).isBetween(0.01, 0.03);
        assertThat(lines[2]).isEqualTo("<pick> at (0.892,0.265) / <place> at " + place.format());
        assertThat(scene().objects()).allMatch(o -> o.name().equals("orange cylinder")
                || o.center().distanceTo(place) >= o.radius() + 0.04);
    }

    @Test
    void aPointAlongADirectionThatCollidesMovesOutAlongIt() {
        String grounding = "There are 3 objects in the image: apple at (0.300,0.500), mustard bottle at (0.500,0.500), "
                + "red block at (0.700,0.500).";
        // to the right of the apple, 0.2 out, is where the bottle stands; the taught point moves out past it
        String completion = grounding + "\nThe apple is at (0.300,0.500). The place is to its right at (0.500,0.500). "
                + "Pick the red block at (0.700,0.500).\n<pick> at (0.700,0.500) / <place> at (0.500,0.500)";

        String held = clear.held(completion).orElseThrow();

        Point place = firstPoint(held.split("\n")[1].substring("The apple is at (0.300,0.500).".length()));
        assertThat(Direction.from(new Point(0.3, 0.5), place)).isEqualTo(Direction.RIGHT);
        assertThat(place.distanceTo(new Point(0.5, 0.5))).isGreaterThanOrEqualTo(0.06 + 0.04 + 0.01 - 1e-3);
        assertThat(held).endsWith("<place> at " + place.format());
    }

    @Test
    void whereTheDirectionsCentralAngleHasNoRoomTheNearestClearPointOfItsSectorIsTaken() {
        // right of the bottle, 0.2 out, is off the table: the point moves just clear of the bottle, still to its right
        String grounding = "There are 2 objects in the image: apple at (0.362,0.383), mustard bottle at (0.810,0.712).";
        String completion = grounding + "\nThe mustard bottle is at (0.810,0.712). The place is to its right at (0.870,0.712). "
                + "Pick the apple at (0.362,0.383).\n<pick> at (0.362,0.383) / <place> at (0.870,0.712)";

        String line = clear.held(completion).orElseThrow().split("\n")[1];

        Point place = firstPoint(line.substring(line.indexOf("right at")));
        Point bottle = new Point(0.810, 0.712);
        assertThat(Direction.from(bottle, place)).isEqualTo(Direction.RIGHT);
        assertThat(place.distanceTo(bottle)).isGreaterThanOrEqualTo(0.06 + 0.045 + 0.01 - 1e-9);
        assertThat(place.x()).isLessThanOrEqualTo(1 - 0.045);
        // the nearest such lattice point: 0.06 out along the axis
        assertThat(place.distanceTo(new Point(0.870, 0.712))).isLessThanOrEqualTo(0.06 + 1e-9);
    }

    @Test
    void aPointOverTheTablesEdgeIsMovedOnto() {
        String grounding = "There are 2 objects in the image: apple at (0.500,0.500), mustard bottle at (0.800,0.200).";
        String completion = grounding + "\nThe place is in the top center at (0.500,0.020). Pick the apple at (0.500,0.500).\n"
                + "<pick> at (0.500,0.500) / <place> at (0.500,0.020)";

        Point place = firstPoint(clear.held(completion).orElseThrow().split("\n")[1]);

        assertThat(place.y()).isGreaterThanOrEqualTo(0.045);
        assertThat(GridCell.of(place)).isEqualTo(GridCell.TOP_CENTER);
    }

    @Test
    void aPointOutsideItsOwnLinesDirectionOrCellIsMovedWhereTheLineSays() {
        // a model's miss: "to its bottom right" with a point straight below the bottle
        String grounding = "There are 3 objects in the image: red cylinder at (0.881,0.256), softball at (0.579,0.543), "
                + "mustard bottle at (0.862,0.775).";
        String below = grounding + "\nThe mustard bottle is at (0.862,0.775). The place is to its bottom right at (0.873,0.916). "
                + "Take the red cylinder at (0.881,0.256).\n<pick> at (0.881,0.256) / <place> at (0.873,0.916)";
        String line = clear.held(below).orElseThrow().split("\n")[1];
        Point place = firstPoint(line.substring(line.indexOf("right at")));
        assertThat(Direction.from(new Point(0.862, 0.775), place)).isEqualTo(Direction.BOTTOM_RIGHT);

        String outside = grounding + "\nThe place is in the top left at (0.400,0.100). Take the red cylinder at (0.881,0.256).\n"
                + "<pick> at (0.881,0.256) / <place> at (0.400,0.100)";
        assertThat(clear.held(outside).orElseThrow()).endsWith("<place> at (0.167,0.167)");
    }

    @Test
    void aPointOnTheEdgeOfItsSectorIsMovedToTheCentralAngleAndARepeatedEntryIsOneObject() {
        // 21 degrees off the right's central angle: inside the sector, within the few thousandths a grounding is off
        double angle = Math.toRadians(21);
        Point edge = new Point(0.3 + 0.2 * Math.cos(angle), 0.5 + 0.2 * Math.sin(angle));
        String grounding = "There are 2 objects in the image: apple at (0.300,0.500), red block at (0.700,0.100), "
                + "red block at (0.700,0.100).";
        String completion = grounding + "\nThe apple is at (0.300,0.500). The place is to its right at " + edge.format()
                + ". Pick the red block at (0.700,0.100).\n<pick> at (0.700,0.100) / <place> at " + edge.format();

        assertThat(clear.held(completion).orElseThrow()).endsWith("<place> at (0.500,0.500)");
        // a name at two centers: which one is meant, the text does not say
        assertThat(clear.held(completion.replace("red block at (0.700,0.100).\n", "red block at (0.600,0.100).\n"))).isEmpty();
    }

    @Test
    void aClearPointIsLeftAsWritten() {
        String clearOfAll = ON_THE_BOTTLE.replace("(0.833,0.500)", "(0.700,0.500)");
        assertThat(clear.held(clearOfAll)).isEmpty();
    }

    @Test
    void whatCannotBeReadIsLeftAsWritten() {
        // a name the footprints do not know, a name listed twice
        assertThat(new ClearPlace(Footprints.of(Map.of("apple", 0.045)), SpatialThresholds.PAPER).held(ON_THE_BOTTLE)).isEmpty();
        assertThat(clear.held(ON_THE_BOTTLE.replace("red block at (0.413,0.926)", "apple at (0.413,0.926)"))).isEmpty();
        // a pick point on nothing listed, a cell the line does not name, no answer line, no referents line
        assertThat(clear.held(ON_THE_BOTTLE.replace("Pick the orange cylinder at (0.892,0.265)", "Pick the orange cylinder at (0.600,0.700)")))
                .isEmpty();
        assertThat(clear.held(ON_THE_BOTTLE.replace("middle right at", "far right at"))).isEmpty();
        assertThat(clear.held(ON_THE_BOTTLE.substring(0, ON_THE_BOTTLE.lastIndexOf('\n')))).isEmpty();
        assertThat(clear.held(SEVEN + "\n<pick> at (0.892,0.265) / <place> at (0.833,0.500)")).isEmpty();
        // a direction from the target itself
        String fromItself = SEVEN + "\nThe orange cylinder is at (0.892,0.265). The place is to its bottom at (0.892,0.465). "
                + "Pick the orange cylinder at (0.892,0.265).\n<pick> at (0.892,0.265) / <place> at (0.892,0.465)";
        assertThat(clear.held(fromItself)).isEmpty();
    }

    @Test
    void footprintsKnowTheirNamesAndRejectARadiusOffTheTable() {
        Footprints footprints = Footprints.of(Map.of("apple", 0.045));
        assertThat(footprints.radius("apple")).hasValue(0.045);
        assertThat(footprints.radius("pear")).isEmpty();
        assertThat(Footprints.none().radius("apple")).isEmpty();
        assertThatThrownBy(() -> Footprints.of(Map.of("apple", 0.0))).hasMessageContaining("apple");
    }

    private static Scene scene() {
        var objects = new java.util.ArrayList<SceneObject>();
        Matcher m = Pattern.compile("([a-z ]+) at \\((\\d\\.\\d{3}),(\\d\\.\\d{3})\\)").matcher(SEVEN.substring(SEVEN.indexOf(':') + 1));
        while (m.find()) {
            String name = m.group(1).strip();
            objects.add(new SceneObject(name, new Point(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))), RADII.get(name)));
        }
        return new Scene(List.copyOf(objects));
    }

    private static Point firstPoint(String text) {
        Matcher m = POINT.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return new Point(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
    }
}
