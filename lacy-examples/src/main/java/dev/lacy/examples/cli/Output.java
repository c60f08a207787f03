package dev.lacy.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** Prints a command's result: one JSON object with {@code --json}, readable text otherwise. */
final class Output {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Output() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void print(PrintWriter out, boolean json, ObjectNode result, String text) {
        if (json) {
            try {
                out.println(MAPPER.writeValueAsString(result));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        } else {
            out.println(text);
        }
        out.flush();
    }
}
