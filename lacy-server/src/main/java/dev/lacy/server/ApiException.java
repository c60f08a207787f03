package dev.lacy.server;

/** A request the server answers with {@code status} and a JSON error naming {@code field}. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
