package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PretrainingCaptions;
import dev.lacy.core.format.ReferentsFormat;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PretrainingExamplesTest {

    private static final LacyPromptFormat FORMAT = LacyPromptFormat.withChainOfThought();
    private static final Pattern ASKED = Pattern.compile("What does the instruction \"(.*)\" ask for\\?");

    @Test
    void everyImageWithTwoObjectsGetsASecondInstructionCaptionThatPlacesRelativeToAnotherObject() {
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES))) {
            var config = TrainingTest.TINY.config(tokenizer.size());
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, SyntheticScenes.NAMES);
            var random = new SplittableRandom(3);
            List<GroundingSample> samples = SyntheticScenes.grounding(12, 1);
            samples.forEach(s -> data.addPretraining(s, FORMAT, random));
            var parser = new InstructionParser();

            int start = 0;
            for (GroundingSample sample : samples) {
                int objects = sample.observation().groundTruth().orElseThrow().objects().size();
                int expected = objects > 1 ? 5 : 4;
                List<TrainingExamples.Example> ofImage = data.examples().subList(start, start + expected);
                assertThat(ofImage).extracting(TrainingExamples.Example::image).containsOnly(ofImage.get(0).image());
                var asked = new ArrayList<Instruction>();
                for (TrainingExamples.Example example : ofImage) {
                    String prompt = tokenizer.decode(Arrays.copyOf(example.ids(), example.promptLength()));
                    Matcher m = ASKED.matcher(prompt);
                    if (m.find()) {
                        asked.add(parser.parse(m.group(1)).orElseThrow());
                    }
                }
                assertThat(asked).hasSize(expected - 3);
                if (objects > 1) {
                    assertThat(asked.get(1).placement()).isInstanceOf(Placement.Relative.class);
                }
                start += expected;
            }
            assertThat(start).isEqualTo(data.examples().size());
            assertThat(samples).anyMatch(s -> s.observation().groundTruth().orElseThrow().objects().size() > 1);
        }
    }

    @Test
    void withPickPhrasesTheInstructionCaptionsAnswerWithTheLineL2aIsTaught() {
        var format = LacyPromptFormat.withChainOfThought().withPickPhrases();
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(format), new TreeSet<>(SyntheticScenes.NAMES))) {
            var config = TrainingTest.TINY.config(tokenizer.size());
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, SyntheticScenes.NAMES);
            var random = new SplittableRandom(5);
            List<GroundingSample> samples = SyntheticScenes.grounding(24, 1);
            samples.forEach(s -> data.addPretraining(s, format, random));
            var parser = new InstructionParser();
            var describer = new SpatialDescriber(SpatialThresholds.PAPER);
            var referents = new ReferentsFormat();
            var verbs = new TreeSet<String>();
            int asked = 0;
            int start = 0;
            for (GroundingSample sample : samples) {
                Scene scene = sample.observation().groundTruth().orElseThrow();
                int count = scene.objects().size() > 1 ? 5 : 4;
                for (TrainingExamples.Example example : data.examples().subList(start, start + count)) {
                    Matcher m = ASKED.matcher(tokenizer.decode(Arrays.copyOf(example.ids(), example.promptLength())));
                    if (!m.find()) {
                        continue;
                    }
                    asked++;
                    Instruction instruction = parser.parse(m.group(1)).orElseThrow();
                    String phrase = parser.pickPhrase(m.group(1), instruction);
                    verbs.add(phrase.substring(0, phrase.indexOf(" the ")));
                    String completion = tokenizer.decode(Arrays.copyOfRange(example.ids(), example.promptLength(),
                            example.ids().length));
                    assertThat(completion.substring(completion.lastIndexOf('\n') + 1)).isEqualTo(referents.write(scene,
                            instruction, phrase, PretrainingCaptions.taughtPlaceOf(scene, instruction, describer).orElse(null),
                            null));
                }
                start += count;
            }
            assertThat(asked).isGreaterThan(24);
            assertThat(verbs).as("the pick verbs copied as written").hasSizeGreaterThan(2);
            // every pick verb after a space is one token, as the line writes it, not spelt out letter by letter
            for (String verb : InstructionTemplates.PICK_VERBS) {
                assertThat(tokenizer.has(" " + verb.split(" ")[0])).as(verb).isTrue();
            }
        }
    }
}
