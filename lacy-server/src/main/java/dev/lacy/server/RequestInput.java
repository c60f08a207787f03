package dev.lacy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.client.ImageCodec;
import dev.lacy.client.WireFormat;
import dev.lacy.client.WireFormatException;
import dev.lacy.core.scene.RgbImage;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** What a request carries: its fields and, for a task, its image; read strictly, every error naming its field. */
record RequestInput(JsonNode fields, RgbImage image) {

    /** The largest refused body the server still reads (and discards) to answer 413 on an open connection. */
    private static final long DISCARD_LIMIT = 256L * 1024 * 1024;

    /** The JSON body. */
    static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw new ApiException(400, "body", "a JSON object is required, the body is empty");
        }
        try {
            JsonNode node = WireFormat.json().readTree(text);
            WireFormat.object(node, "");
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "body", "not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A task's input: a JSON body with the image in base64, or the image's own bytes ({@code Content-Type: image/png} or
     * {@code image/jpeg}) with the other fields as query parameters ({@code pick=x,y}).
     */
    static RequestInput of(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("image/")) {
            byte[] bytes = ctx.bodyAsBytes();
            if (bytes.length == 0) {
                throw new ApiException(400, "body", "an image is required: the body is empty");
            }
            ObjectNode fields = WireFormat.json().createObjectNode();
            ctx.queryParamMap().forEach((name, values) -> {
                String value = values.get(0);
                if ((name.equals("pick") || name.equals("place")) && value.matches("[^,]+,[^,]+")) {
                    String[] xy = value.split(",");
                    try {
                        fields.putObject(name).put("x", Double.parseDouble(xy[0].trim())).put("y", Double.parseDouble(xy[1].trim()));
                    } catch (NumberFormatException e) {
                        throw new WireFormatException(name, "'" + value + "' is not x,y");
                    }
                } else {
                    fields.put(name, value);
                }
            });
            return new RequestInput(fields, ImageCodec.decode(bytes, "body"));
        }
        JsonNode node = body(ctx);
        return new RequestInput(node, WireFormat.image(node, "image"));
    }

    /**
     * Reads a refused body to its end (up to {@link #DISCARD_LIMIT}), so that a client that sends it whole before it reads
     * (most do) gets the 413 instead of a broken connection.
     */
    static void discardBody(Context ctx) throws IOException {
        if (ctx.contentLength() > DISCARD_LIMIT) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // discarded
            }
        }
    }

}
