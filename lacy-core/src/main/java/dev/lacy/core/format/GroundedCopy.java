package dev.lacy.core.format;

import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.Point;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds an L2A completion's referents line to its own grounding sentence. The line copies two centers from the
 * grounding sentence, the reference's ({@code The mug is at (0.700,0.500).}) and the target's ({@code Pick the lemon at
 * (0.513,0.512).}); a model that names the right object and copies another's center (a look-alike's, or the digits of
 * two entries mixed) picks the wrong object. {@link #correction} finds the first center copied otherwise than the
 * sentence has it for the object the line names, and gives the completion up to that point with the sentence's center
 * (and the full stop after it) written instead, for the model to continue from. Only the model's own text is read: a
 * name the sentence lists twice, or not at all, is left as the model wrote it (docs/formats.md, "Grounded copies").
 */
public final class GroundedCopy {

    private static final String POINT = Coordinates.POINT_TEXT;
    /** The reference's center, and the target's after {@code Pick the} or the instruction's own pick phrase ({@code Grab the}). */
    private static final Pattern COPY = Pattern.compile("(?:^The (.+?) is at |(?i:" + InstructionParser.PICK_VERB
            + ")\\s+(?:the\\s+)?(.+?) at )(" + POINT + ")");

    private final GroundingFormat grounding = new GroundingFormat();

    /**
     * {@code completion} (a chain of thought from its grounding sentence on) cut after the first center its referents
     * line copies otherwise than the grounding sentence lists it, with the sentence's center written there; empty where
     * every copy agrees, or where there is no grounding sentence or referents line to hold it to. The cut falls after the
     * copy's full stop, where the line's next words start a token of their own.
     */
    public Optional<String> correction(String completion) {
        int end = completion.indexOf('\n');
        if (end < 0) {
            return Optional.empty();
        }
        Parsed<List<GroundedObject>> objects = grounding.parseListed(completion.substring(0, end));
        if (!objects.isOk()) {
            return Optional.empty();
        }
        int lineStart = end + 1;
        int lineEnd = completion.indexOf('\n', lineStart);
        String line = completion.substring(lineStart, lineEnd < 0 ? completion.length() : lineEnd);
        Matcher copy = COPY.matcher(line);
        while (copy.find()) {
            String name = copy.group(1) != null ? copy.group(1) : copy.group(2);
            List<GroundedObject> named = objects.orElseThrow().stream().filter(o -> o.name().equals(name)).toList();
            if (named.size() != 1) {
                continue;
            }
            Parsed<Point> written = Coordinates.parse(copy.group(3));
            String center = named.get(0).center().format();
            if (!written.isOk() || !written.orElseThrow().format().equals(center)) {
                // the sentence's full stop too: a tokenizer that has ")." as one token never taught a model to go on from ")"
                return Optional.of(completion.substring(0, lineStart + copy.start(3)) + center + ".");
            }
        }
        return Optional.empty();
    }
}
