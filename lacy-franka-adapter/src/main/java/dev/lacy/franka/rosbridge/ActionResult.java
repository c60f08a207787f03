package dev.lacy.franka.rosbridge;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The end of an action goal: its {@code action_msgs/msg/GoalStatus} code, rosbridge's result flag
 * and the result values.
 */
public record ActionResult(int status, boolean result, JsonNode values) {

    public static final int STATUS_SUCCEEDED = 4;
    public static final int STATUS_CANCELED = 5;
    public static final int STATUS_ABORTED = 6;

    public boolean succeeded() {
        return result && status == STATUS_SUCCEEDED;
    }

    public String statusName() {
        return switch (status) {
            case 0 -> "UNKNOWN";
            case 1 -> "ACCEPTED";
            case 2 -> "EXECUTING";
            case 3 -> "CANCELING";
            case STATUS_SUCCEEDED -> "SUCCEEDED";
            case STATUS_CANCELED -> "CANCELED";
            case STATUS_ABORTED -> "ABORTED";
            default -> "status " + status;
        };
    }
}
