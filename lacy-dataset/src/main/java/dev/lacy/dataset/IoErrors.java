package dev.lacy.dataset;

import java.io.IOException;
import java.util.Locale;

/** What went wrong with a file, in words: the error's kind (access denied, no such file, not a directory) and path. */
public final class IoErrors {

    private IoErrors() {
    }

    /** "access denied: /path", "no such file: /path", ...; a plain I/O error by its message alone. */
    public static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT).replace("file system", "cannot read or write");
        String message = String.valueOf(e.getMessage()).replace('\n', ' ');
        return kind.isBlank() || kind.equals("i o") ? message : kind + ": " + message;
    }
}
