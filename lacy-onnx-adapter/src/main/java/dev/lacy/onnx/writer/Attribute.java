package dev.lacy.onnx.writer;

/** A node attribute: an integer, a float, a list of integers, or a string. */
public sealed interface Attribute {

    String name();

    record Int(String name, long value) implements Attribute {
    }

    record Float(String name, float value) implements Attribute {
    }

    record Ints(String name, long[] values) implements Attribute {
    }

    record Text(String name, String value) implements Attribute {
    }

    static Attribute of(String name, long value) {
        return new Int(name, value);
    }

    static Attribute of(String name, float value) {
        return new Float(name, value);
    }

    static Attribute ints(String name, long... values) {
        return new Ints(name, values.clone());
    }

    static Attribute of(String name, String value) {
        return new Text(name, value);
    }
}
