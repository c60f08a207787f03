package dev.lacy.client;

/** A request or reply that does not follow the wire format; {@code field} names where (a JSON path such as {@code decoding.topP}). */
public final class WireFormatException extends IllegalArgumentException {

    private final String field;

    public WireFormatException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
