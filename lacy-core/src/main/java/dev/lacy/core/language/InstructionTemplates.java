package dev.lacy.core.language;

import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The controlled template set of paper section III-C: a fixed list of pick verbs, place verbs and
 * placement phrases. Generation draws one variant with a seeded random source; {@link #variants}
 * lists them all, so tests and consistency pairs can use every phrasing.
 */
public final class InstructionTemplates {

    public static final List<String> PICK_VERBS = List.of("Pick", "Pick up", "Grasp", "Grab", "Take");
    static final List<String> PLACE_VERBS = List.of("place", "put", "move");
    private static final List<String> ABSOLUTE_PHRASES = List.of(
            "in the %s of the workspace", "on the %s of the table", "to the %s of the workspace");
    private static final String RELATIVE_PHRASE = "to the %s of the %s";

    /** The first variant: {@code Pick the lemon and place it in the center of the workspace}. */
    public String canonical(Instruction instruction) {
        return variants(instruction).get(0);
    }

    /** One variant drawn uniformly at random. */
    public String render(Instruction instruction, RandomGenerator random) {
        List<String> all = variants(instruction);
        return all.get(random.nextInt(all.size()));
    }

    /** Every phrasing the templates generate for this instruction, in a fixed order. */
    public List<String> variants(Instruction instruction) {
        List<String> placements = placementPhrases(instruction.placement());
        var out = new ArrayList<String>(PICK_VERBS.size() * PLACE_VERBS.size() * placements.size());
        for (String placement : placements) {
            for (String pick : PICK_VERBS) {
                for (String place : PLACE_VERBS) {
                    out.add(pick + " the " + instruction.target() + " and " + place + " it " + placement);
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> placementPhrases(Placement placement) {
        if (placement instanceof Placement.Absolute absolute) {
            return ABSOLUTE_PHRASES.stream().map(p -> String.format(p, absolute.cell().phrase())).toList();
        }
        var relative = (Placement.Relative) placement;
        return List.of(String.format(RELATIVE_PHRASE, relative.direction().phrase(), relative.reference()));
    }
}
