package dev.lacy.franka.rosbridge;

/** rosbridge or the ROS 2 side failed, or did not answer in time. */
public class RosbridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RosbridgeException(String message) {
        super(message);
    }

    public RosbridgeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No answer within the timeout. */
    public static final class Timeout extends RosbridgeException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message);
        }
    }

    /** The connection dropped while a request was open, or could not be (re)established. */
    public static final class Disconnected extends RosbridgeException {
        private static final long serialVersionUID = 1L;

        public Disconnected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A service answered {@code result: false}, or rosbridge reported an error for the call. */
    public static final class ServiceFailed extends RosbridgeException {
        private static final long serialVersionUID = 1L;

        public ServiceFailed(String service, String detail) {
            super("service " + service + " failed: " + detail);
        }
    }

    /** An action goal ended other than succeeded. */
    public static final class ActionFailed extends RosbridgeException {
        private static final long serialVersionUID = 1L;
        private final transient ActionResult result;

        public ActionFailed(String action, ActionResult result) {
            super("action " + action + " ended with status " + result.statusName() + ": " + result.values());
            this.result = result;
        }

        public ActionResult result() {
            return result;
        }
    }
}
