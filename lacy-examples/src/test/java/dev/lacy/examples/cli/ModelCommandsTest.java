package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.cycle.TaskAnswer;
import dev.lacy.core.scene.PickPlaceAction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelCommandsTest {

    private static final String REASONING = "There is 1 object in the image: lemon at (0.500,0.500).\n"
            + "The place is in the top left at (0.167,0.167). Pick the lemon at (0.500,0.500).\n";

    @Test
    void actSaysSoWhereTheAnswerLineRestatesTheActionOtherwise() {
        var action = PickPlaceAction.of(0.5, 0.5, 0.167, 0.167);
        var miscopied = new TaskAnswer.Answered<>(action, Optional.empty(),
                REASONING + "<pick> at (0.500,0.859) / <place> at (0.167,0.167)", Optional.empty());
        assertThat(ModelCommands.restatementNote(miscopied)).isEqualTo("the action is the referents line's, (0.500,0.500) -> "
                + "(0.167,0.167); the answer line restates it as (0.500,0.859) -> (0.167,0.167)");

        var agreeing = new TaskAnswer.Answered<>(action, Optional.empty(),
                REASONING + "<pick> at (0.500,0.500) / <place> at (0.167,0.167)", Optional.empty());
        assertThat(ModelCommands.restatementNote(agreeing)).isNull();
        assertThat(ModelCommands.restatementNote(new TaskAnswer.Malformed<>(REASONING + "<pick>", "not an action"))).isNull();
        var unreadable = new TaskAnswer.Answered<>(action, Optional.empty(), REASONING + "<pick> at (0.500,0.500) / the at",
                Optional.empty());
        assertThat(ModelCommands.restatementNote(unreadable)).isEqualTo("the action is the referents line's, (0.500,0.500) -> "
                + "(0.167,0.167); the answer line after it does not read as an action: <pick> at (0.500,0.500) / the at");
    }
}
