package dev.lacy.core.language;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InstructionParserTest {

    private final InstructionParser parser = new InstructionParser();
    private final InstructionTemplates templates = new InstructionTemplates();

    @Property
    void everyGeneratedVariantParsesBackToItsMeaning(@ForAll("instructions") Instruction instruction) {
        for (String text : templates.variants(instruction)) {
            assertThat(parser.parse(text)).as(text).isEqualTo(Parsed.ok(instruction));
        }
    }

    @Property
    void everyGeneratedVariantsPickPhraseIsItsBeginningUpToTheTarget(@ForAll("instructions") Instruction instruction) {
        for (String text : templates.variants(instruction)) {
            String phrase = parser.pickPhrase(text).orElseThrow();
            assertThat(text).as(text).startsWith(phrase);
            assertThat(phrase).as(text).endsWith(" " + instruction.target());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Pick up the lemon and place it in the center|Pick up the lemon",
        "  GRAB   the Tuna  Fish can and move it to the lower middle.  |GRAB   the Tuna  Fish can",
        "Grasp lemon and put it to the center of the table|Grasp lemon",
        "pick the pick up and place it in the center|pick the pick up",
        "take the orange block and put it to the left of the orange|take the orange block",
    })
    void thePickPhraseIsTheTextAsWrittenFromTheVerbToTheTarget(String text, String phrase) {
        assertThat(parser.pickPhrase(text)).isEqualTo(Parsed.ok(phrase));
    }

    @Property
    void neverThrowsOnAnyString(@ForAll String text) {
        assertThat(parser.pickPhrase(text)).isNotNull();
        assertThat(parser.parse(text)).isNotNull();
    }

    @Property
    void neverThrowsOnMutatedInstructions(@ForAll("instructions") Instruction instruction,
                                          @ForAll("cuts") int cut) {
        String text = templates.canonical(instruction);
        String mutated = text.substring(0, Math.min(cut, text.length())) + "the of to and it";
        assertThat(parser.parse(mutated)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Pick the lemon and place it in the middle right of the workspace|lemon|MIDDLE_RIGHT",
        "pick up the lemon and put it on the upper left of the table.|lemon|TOP_LEFT",
        "  GRAB   the lemon and move it to the lower middle  |lemon|BOTTOM_CENTER",
        "Take the lemon and place it in the middle of the workspace|lemon|CENTER",
        "Take the lemon and place it in the top middle|lemon|TOP_CENTER",
        "Grasp lemon and put it to the center of the table|lemon|CENTER",
    })
    void acceptsSynonymsOfTheAbsoluteForm(String text, String target, GridCell cell) {
        assertThat(parser.parse(text)).isEqualTo(Parsed.ok(new Instruction(target, new Placement.Absolute(cell))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Grasp the yellow block and put it to the top right of the mustard bottle|TOP_RIGHT|mustard bottle",
        "grasp the yellow block and put it to the upper right to the mustard bottle|TOP_RIGHT|mustard bottle",
        "Pick the yellow block and place it on the lower left of the cable|BOTTOM_LEFT|cable",
        "Pick the yellow block and place it to the left of the cable.|LEFT|cable",
    })
    void acceptsBothRelativeForms(String text, Direction direction, String reference) {
        assertThat(parser.parse(text)).isEqualTo(
                Parsed.ok(new Instruction("yellow block", new Placement.Relative(direction, reference))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "Pick the lemon",
        "Pick the lemon and place it somewhere nice",
        "Pick the lemon and place it to the left of the workspace",
        "Throw the lemon and place it in the center of the workspace",
        "Pick the Lemon! and place it in the center",
        "Pick the lemon and place it in the far corner of the workspace",
    })
    void anythingElseIsATypedFailureWithAReason(String text) {
        assertThat(parser.pickPhrase(text)).isInstanceOf(Parsed.Failure.class);
        assertThat(parser.parse(text)).isInstanceOfSatisfying(Parsed.Failure.class,
                failure -> assertThat(failure.reason()).isNotBlank());
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 80);
    }

    @Provide
    Arbitrary<Instruction> instructions() {
        Arbitrary<String> names = Arbitraries.of("lemon", "mustard bottle", "yellow block", "tomato soup can",
                "blue cylinder", "3-hole block", "chef's knife");
        Arbitrary<Placement> absolute = Arbitraries.of(GridCell.values()).map(Placement.Absolute::new);
        Arbitrary<Placement> relative = Combinators.combine(Arbitraries.of(Direction.values()), names)
                .as(Placement.Relative::new);
        return Combinators.combine(names, Arbitraries.oneOf(absolute, relative)).as(Instruction::new);
    }

    @org.junit.jupiter.api.Test
    void theTemplateSetCoversEveryCellWithManyPhrasings() {
        for (GridCell cell : GridCell.values()) {
            var variants = templates.variants(new Instruction("lemon", new Placement.Absolute(cell)));
            assertThat(variants).hasSize(45).doesNotHaveDuplicates()
                    .allSatisfy(v -> assertThat(v).contains(cell.phrase()));
        }
        assertThat(Arrays.stream(Direction.values())
                .map(d -> templates.canonical(new Instruction("lemon", new Placement.Relative(d, "cable")))))
                .contains("Pick the lemon and place it to the top right of the cable");
    }
}
