package dev.lacy.core.scene;

import java.util.regex.Pattern;

/**
 * The rule every object name follows: lowercase words of letters and digits, separated by single
 * spaces, hyphens or apostrophes ({@code mustard bottle}, {@code 3-hole block}). The rule keeps
 * names unambiguous inside the text formats, where they are followed by {@code at (x,y)}.
 */
public final class ObjectName {

    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:[ '-][a-z0-9]+)*");

    private ObjectName() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= 64 && VALID.matcher(name).matches()
                && !name.matches(".*\\b(at|and|it|the|of|to)\\b.*");
    }

    /** Returns the name, or throws naming what is wrong with it. */
    public static String require(String name) {
        if (name == null) {
            throw new IllegalArgumentException("object name is missing");
        }
        if (!isValid(name)) {
            throw new IllegalArgumentException("object name '" + name + "' is not lowercase words of"
                    + " letters and digits separated by single spaces (and may not contain the words"
                    + " at, and, it, the, of, to)");
        }
        return name;
    }
}
