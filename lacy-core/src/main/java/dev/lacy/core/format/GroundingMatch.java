package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A grounding sentence held against the scene it describes: whether it is malformed ({@link GroundingFormat#parse}: not
 * a grounding sentence, or a count that is not its entries'), whether it names exactly the scene's objects with the
 * count right ({@code expected} and {@code written}, both sorted; {@code written} empty when no entry can be read), and,
 * of the entries it lists ({@link GroundingFormat#parseListed}, read even where the count is wrong), for those that
 * name an object of the scene how many there are ({@code matched}) and their summed center error, and how many of the
 * scene's objects ({@code objects}) some entry places within the object's footprint ({@code within}: a name written
 * twice counts once). The one definition of grounding right that {@code lacy eval --grounding} (the base's grounding
 * sentence) and every evaluation's L2A chain of thought use.
 */
public record GroundingMatch(boolean malformed, boolean exact, int objects, int matched, int within, double error,
                             List<String> expected, List<String> written) implements Serializable {

    public GroundingMatch {
        expected = List.copyOf(expected);
        written = List.copyOf(written);
    }

    private static final GroundingFormat FORMAT = new GroundingFormat();

    /** The grounding sentence {@code sentence} (without its newline) against {@code scene}. */
    public static GroundingMatch of(Scene scene, String sentence) {
        List<String> expected = scene.objects().stream().map(SceneObject::name).sorted().toList();
        int objects = scene.objects().size();
        boolean malformed = !(FORMAT.parse(sentence) instanceof Parsed.Ok<List<GroundedObject>>);
        // a sentence that miscounts still places what it lists: those entries are scored, and it is not exact
        if (!(FORMAT.parseListed(sentence) instanceof Parsed.Ok<List<GroundedObject>> ok)) {
            return new GroundingMatch(true, false, objects, 0, 0, 0, expected, List.of());
        }
        List<String> written = ok.value().stream().map(GroundedObject::name).sorted().toList();
        int matched = 0;
        double error = 0;
        var placed = new HashSet<String>();
        for (GroundedObject g : ok.value()) {
            Optional<SceneObject> truth = scene.find(g.name());
            if (truth.isPresent()) {
                matched++;
                error += truth.get().center().distanceTo(g.center());
                if (truth.get().covers(g.center())) {
                    placed.add(g.name());
                }
            }
        }
        return new GroundingMatch(malformed, !malformed && written.equals(expected), objects, matched, placed.size(), error,
                expected, written);
    }

    /** A completion's grounding sentence (its first line) against {@code scene}. */
    public static GroundingMatch ofCompletion(Scene scene, String completion) {
        String text = completion.strip();
        int newline = text.indexOf('\n');
        return of(scene, newline < 0 ? text : text.substring(0, newline));
    }
}
