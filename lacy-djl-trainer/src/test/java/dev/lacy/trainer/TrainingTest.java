package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TrainingTest {

    static final TrainerSettings TINY = TrainerSettings.DEFAULTS.withSizes(32, 8, 32, 4, 2, 1, 64, 160)
            .withPretraining(new StageSettings(30, 4, 3e-3, 0.1, 0.01, 1.0, 1.0, 1000))
            .withFineTuning(new StageSettings(20, 4, 3e-3, 0.1, 0.0, 1.0, 0.0, 1000));

    @Test
    void theLossFallsOnAFixedBatch() {
        PyTorchEngine.configure();
        var samples = SyntheticScenes.grounding(4, 1);
        var format = LacyPromptFormat.withChainOfThought();
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(format), new TreeSet<>(SyntheticScenes.NAMES));
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            var config = TINY.config(tokenizer.size());
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, SyntheticScenes.NAMES);
            var random = new SplittableRandom(3);
            samples.forEach(s -> data.addPretraining(s, format, random));
            var progress = new ArrayList<TrainingProgress>();
            try (var network = new TinyLlavaNetwork(manager, dev.lacy.onnx.tiny.TinyLlavaWeights.random(config, 5),
                    SyntheticScenes.NAMES.size() + 1, 5)) {
                var fixed = data.examples().subList(0, 4);
                new TrainingRun("fixed", network, data, fixed, TINY.pretraining().withSteps(80), true, tokenizer, 7, null,
                        progress::add).run();
            }
            List<Double> losses = progress.stream().map(TrainingProgress::loss).toList();
            assertThat(losses).hasSize(8);
            assertThat(losses.get(7)).isLessThan(losses.get(0) * 0.5);
        }
    }
}
