package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.language.InstructionParser;
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
}
