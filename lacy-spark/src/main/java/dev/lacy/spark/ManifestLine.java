package dev.lacy.spark;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.data.Sample;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.dataset.PngCodec;
import dev.lacy.dataset.SampleLines;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * One sample of a stored dataset as the driver hands it to a task: its index, its manifest line and where the
 * dataset lives; the task reads the image itself.
 */
record ManifestLine(long index, String line, String dataset) implements Serializable {

    /** The first {@code limit} samples of {@code dataset} under {@code root} (all with a negative limit). */
    static List<ManifestLine> read(HadoopFiles files, String root, String dataset, long limit) {
        Path directory = DatasetParts.dataset(root, dataset);
        Path manifest = new Path(directory, FileDatasetStore.MANIFEST);
        if (!files.exists(manifest)) {
            throw new IllegalArgumentException("there is no dataset '" + dataset + "' in " + root + " (" + manifest
                    + " is missing)");
        }
        List<String> lines = files.lines(manifest);
        var result = new ArrayList<ManifestLine>();
        for (int i = 0; i < lines.size() && (limit < 0 || i < limit); i++) {
            result.add(new ManifestLine(i, lines.get(i), directory.toString()));
        }
        return result;
    }

    /** The sample, with its image read from the dataset. */
    Sample sample(HadoopFiles files) {
        Path directory = new Path(dataset);
        return new SampleLines().read(line, manifest(), where(), image -> {
            try {
                return PngCodec.decode(files.read(new Path(directory, image)));
            } catch (IOException e) {
                throw new IllegalArgumentException(manifest() + " " + where() + ": image " + image + " is not a PNG: "
                        + e.getMessage(), e);
            }
        });
    }

    /** The sample without its image (a 1 x 1 stand-in): for what needs only the scene and the text. */
    Sample withoutImage() {
        RgbImage none = RgbImage.filled(1, 1, 0);
        return new SampleLines().read(line, manifest(), where(), image -> none);
    }

    /** An example of Algorithm 1: an instruction pool's item, or a demonstration's observation and instruction. */
    InstructionSample example(HadoopFiles files) {
        Sample sample = sample(files);
        if (sample instanceof InstructionSample item) {
            return item;
        }
        if (sample instanceof Demonstration demonstration) {
            return InstructionSample.of(demonstration);
        }
        throw new IllegalArgumentException(manifest() + " " + where() + " is a " + sample.getClass().getSimpleName()
                + ": Algorithm 1 reads instructions or demonstrations");
    }

    private String manifest() {
        return new Path(new Path(dataset), FileDatasetStore.MANIFEST).toString();
    }

    private String where() {
        return "line " + (index + 1);
    }
}
