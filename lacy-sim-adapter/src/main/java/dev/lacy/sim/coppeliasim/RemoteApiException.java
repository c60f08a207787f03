package dev.lacy.sim.coppeliasim;

/** CoppeliaSim's remote API answered with an error, or not in a way this client understands. */
public class RemoteApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RemoteApiException(String message) {
        super(message);
    }

    public RemoteApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No reply came within the timeout; the connection was reset so that the next call can go through. */
    public static final class Timeout extends RemoteApiException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message);
        }
    }

    /** The server speaks another version of the protocol. */
    public static final class UnsupportedVersion extends RemoteApiException {
        private static final long serialVersionUID = 1L;

        public UnsupportedVersion(String message) {
            super(message);
        }
    }

    /** The called function raised an error inside CoppeliaSim. */
    public static final class CallFailed extends RemoteApiException {
        private static final long serialVersionUID = 1L;
        private final String function;

        public CallFailed(String function, String error) {
            super(function + " failed in CoppeliaSim: " + error);
            this.function = function;
        }

        public String function() {
            return function;
        }
    }
}
