package dev.lacy.core.language;

import java.util.function.Function;

/** The result of parsing text: a value, or a typed failure saying what was wrong. Never null. */
public sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {
    }

    record Failure<T>(String reason) implements Parsed<T> {
    }

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> failure(String reason) {
        return new Failure<>(reason);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or an {@link IllegalArgumentException} carrying the failure's reason. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalArgumentException(((Failure<T>) this).reason());
    }

    default <U> Parsed<U> map(Function<T, U> mapper) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(mapper.apply(ok.value()));
        }
        return new Failure<>(((Failure<T>) this).reason());
    }
}
