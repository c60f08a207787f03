package dev.lacy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.client.WireFormat;
import dev.lacy.client.WireFormatException;
import dev.lacy.core.cycle.ConsistencyCheck;
import dev.lacy.core.cycle.L2a2lPipeline;
import dev.lacy.core.cycle.TaskAnswer;
import dev.lacy.core.format.GroundedObject;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import java.util.List;

/** The JSON of the task endpoints' answers, and the points of their requests. */
final class TaskReplies {

    private static final dev.lacy.core.format.GroundingFormat GROUNDING = new dev.lacy.core.format.GroundingFormat();

    private TaskReplies() {
    }

    static ObjectNode action(TaskAnswer<PickPlaceAction> answer) {
        ObjectNode node = common(answer);
        answer.parsed().ifPresent(a -> {
            point(node.putObject("pick"), a.pick());
            point(node.putObject("place"), a.place());
        });
        return node;
    }

    static ObjectNode description(TaskAnswer<String> answer) {
        ObjectNode node = common(answer);
        answer.parsed().ifPresent(text -> node.put("instruction", text));
        return node;
    }

    static ObjectNode consistency(ConsistencyCheck check) {
        return WireFormat.json().createObjectNode().put("reasoning", check.reasoning()).put("confidence", check.confidence())
                .put("consistent", check.confidence() >= 0.5).put("z1", check.logits().positive())
                .put("z0", check.logits().negative());
    }

    static ObjectNode cycle(L2a2lPipeline.Cycle cycle) {
        ObjectNode node = WireFormat.json().createObjectNode();
        node.set("action", action(cycle.action()));
        node.set("description", cycle.description().map(TaskReplies::description).map(JsonNode.class::cast)
                .orElse(WireFormat.json().nullNode()));
        node.set("consistency", cycle.check().map(TaskReplies::consistency).map(JsonNode.class::cast)
                .orElse(WireFormat.json().nullNode()));
        node.put("confidence", cycle.confidence());
        return node;
    }

    private static ObjectNode common(TaskAnswer<?> answer) {
        ObjectNode node = WireFormat.json().createObjectNode().put("completion", answer.raw());
        if (answer instanceof TaskAnswer.Malformed<?> malformed) {
            node.put("malformed", malformed.reason());
            return node;
        }
        var answered = (TaskAnswer.Answered<?>) answer;
        ArrayNode grounding = node.putArray("grounding");
        // a sentence whose count is off still lists objects worth showing (the problem is reported beside them)
        List<GroundedObject> objects = answered.grounding().orElseGet(() -> {
            String first = answer.raw().strip().lines().findFirst().orElse("");
            var listed = GROUNDING.parseListed(first);
            return listed.isOk() ? listed.orElseThrow() : List.of();
        });
        for (GroundedObject o : objects) {
            point(grounding.addObject().put("name", o.name()), o.center());
        }
        answered.groundingProblem().ifPresent(problem -> node.put("groundingProblem", problem));
        return node;
    }

    private static void point(ObjectNode node, Point p) {
        node.put("x", p.x()).put("y", p.y());
    }

    /** The point at {@code field}: an object {@code {"x": .., "y": ..}} in [0, 1]. */
    static Point point(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw new WireFormatException(field, value.isMissingNode() ? "a point {\"x\": .., \"y\": ..} is required"
                    : "a point {\"x\": .., \"y\": ..} is required, not " + WireFormat.kind(value));
        }
        double x = WireFormat.number(value, field + ".x");
        double y = WireFormat.number(value, field + ".y");
        if (!Point.inUnitSquare(x, y)) {
            throw new WireFormatException(field, "(" + x + ", " + y + ") is outside the image's [0, 1] x [0, 1]");
        }
        return new Point(x, y);
    }
}
