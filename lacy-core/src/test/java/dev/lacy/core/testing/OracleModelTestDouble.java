package dev.lacy.core.testing;

import dev.lacy.core.format.ActionFormat;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test double of {@link VisionLanguageModel} that is told the scene and answers the direct
 * (non-CoT) prompts of {@link LacyPromptFormat} correctly by reading them: an oracle to test the
 * evaluator and the loop against known answers. It handles absolute instructions only.
 */
public final class OracleModelTestDouble implements VisionLanguageModel {

    private static final Pattern L2A = Pattern.compile("(?s).*instruction \"(.*)\"\\.\\n");
    private static final Pattern A2L = Pattern.compile("(?s).*the action (.*) as an instruction\\.\\n");
    private static final Pattern L2C = Pattern.compile("(?s).*instructions \"(.*)\" and \"(.*)\" consistent.*");

    private final Scene scene;
    private boolean closed;

    public OracleModelTestDouble(Scene scene) {
        this.scene = scene;
    }

    @Override
    public List<String> generate(GenerationRequest request) {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
        String answer = answer(request.prompt());
        return Collections.nCopies(request.samples(), answer);
    }

    private String answer(String prompt) {
        Matcher l2a = L2A.matcher(prompt);
        if (l2a.matches()) {
            Instruction instruction = new InstructionParser().parse(l2a.group(1)).orElseThrow();
            GridCell cell = ((Placement.Absolute) instruction.placement()).cell();
            var pick = scene.find(instruction.target()).orElseThrow().center();
            return new ActionFormat().write(new PickPlaceAction(pick, cell.center()));
        }
        Matcher a2l = A2L.matcher(prompt);
        if (a2l.matches()) {
            PickPlaceAction action = new ActionFormat().parse(a2l.group(1)).orElseThrow();
            Instruction described = new SpatialDescriber(SpatialThresholds.PAPER).describe(scene, action, new SplittableRandom(0));
            return new InstructionTemplates().canonical(described);
        }
        return "unknown prompt";
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
        Matcher l2c = L2C.matcher(request.prefix());
        if (!l2c.matches()) {
            return new BinaryLogits(0, 0);
        }
        var parser = new InstructionParser();
        boolean same = parser.parse(l2c.group(1)).equals(parser.parse(l2c.group(2)));
        return same ? new BinaryLogits(4, 0) : new BinaryLogits(0, 4);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A judge with the paper's thresholds, for the tests that use this oracle. */
    public static ActionJudge judge() {
        return new ActionJudge(SpatialThresholds.PAPER);
    }
}
