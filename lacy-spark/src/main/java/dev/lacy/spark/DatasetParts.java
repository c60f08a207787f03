package dev.lacy.spark;

import dev.lacy.core.data.Sample;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.dataset.PngCodec;
import dev.lacy.dataset.SampleLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How the jobs write a dataset in the project's format (docs/datasets.md) from many tasks, so that a retried or
 * duplicated task adds nothing twice and a failed one leaves nothing behind.
 *
 * <p>Each task attempt writes its partition's samples, in order, into a directory of its own under
 * {@code <dataset>/_parts/} (its images numbered from 0, its manifest lines), then commits by renaming that directory
 * to {@code part-NNNNN}: the first attempt to commit wins, a later one (a speculative copy, a retry of an attempt
 * whose commit went through) deletes its own. An attempt that fails leaves an uncommitted directory that nothing reads.
 * When every task has ended, the driver commits the job: it numbers the parts' samples in partition order, has a task
 * per part move its images to those numbers, writes the manifest in one atomic rename, and deletes {@code _parts}.
 */
final class DatasetParts {

    static final String PARTS = "_parts";

    private DatasetParts() {
    }

    /** The dataset's directory. */
    static Path dataset(String root, String dataset) {
        return new Path(root, dataset);
    }

    /**
     * Refuses a dataset that already holds samples (a job writes new datasets: resuming is its tasks' retries) or
     * images without a manifest, and removes the parts an earlier, failed run of a job left.
     */
    static void requireNew(HadoopFiles files, Path dataset) {
        Path manifest = new Path(dataset, FileDatasetStore.MANIFEST);
        if (files.exists(manifest)) {
            throw new IllegalArgumentException(dataset + " already holds a dataset (" + manifest + "): a Spark job writes "
                    + "a new one; name another output or remove it");
        }
        Path images = new Path(dataset, "images");
        if (files.exists(images) && !files.isEmptyDirectory(images)) {
            // never deleted here: they may be anyone's; an interrupted job's are images whose manifest was never written
            throw new IllegalArgumentException(images + " holds files but " + dataset + " has no manifest (what an "
                    + "interrupted job leaves, or not a dataset at all): name another output, or remove them");
        }
        // the job's own working area: nothing refers to what an interrupted job left there
        files.delete(new Path(dataset, PARTS));
    }

    /**
     * Writes one task's samples of {@code dataset} as partition {@code partition} by attempt {@code attempt}, and
     * commits them; returns how many it wrote.
     */
    static int write(HadoopFiles files, Path dataset, int partition, long attempt, List<? extends Sample> samples) {
        var lines = new SampleLines();
        Path directory = new Path(new Path(dataset, PARTS), String.format(Locale.ROOT, "attempt-%05d-%d", partition, attempt));
        files.delete(directory);
        var manifest = new ArrayList<String>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            String image = SampleLines.imageName(i);
            files.write(new Path(directory, image), PngCodec.encode(samples.get(i).observation().image()));
            manifest.add(lines.write(samples.get(i), image));
        }
        files.write(new Path(directory, FileDatasetStore.MANIFEST), HadoopFiles.utf8(manifest));
        if (!files.renameIfAbsent(directory, part(dataset, partition))) {
            files.delete(directory);
        }
        return samples.size();
    }

    /**
     * Commits the job: the first {@code limit} samples of partitions 0 to {@code partitions - 1} (all of them with a
     * negative limit), in order, become the dataset. Every partition must have been committed. The images are moved to
     * their numbers in the dataset by one Spark task per partition (a dataset of millions is not renamed one file at a
     * time by the driver); the driver reads the parts' manifests and writes the dataset's.
     */
    static long commit(HadoopConf conf, JavaSparkContext sc, Path dataset, int partitions, long limit) {
        HadoopFiles files = conf.files();
        var lines = new SampleLines();
        var manifest = new ArrayList<String>();
        var moves = new ArrayList<Move>();
        files.mkdirs(new Path(dataset, "images"));
        for (int p = 0; p < partitions && (limit < 0 || manifest.size() < limit); p++) {
            Path part = part(dataset, p);
            Path partManifest = new Path(part, FileDatasetStore.MANIFEST);
            if (!files.exists(partManifest)) {
                throw new IllegalStateException("partition " + p + " of " + dataset + " was not committed (" + part
                        + " is missing): the job did not finish");
            }
            List<String> partLines = files.lines(partManifest);
            int first = manifest.size();
            for (int i = 0; i < partLines.size() && (limit < 0 || manifest.size() < limit); i++) {
                String where = "line " + (i + 1);
                // a part's images are numbered from 0 in its manifest's order
                String local = lines.image(partLines.get(i), partManifest.toString(), where);
                if (!local.equals(SampleLines.imageName(i))) {
                    throw new IllegalStateException(partManifest + " " + where + " names " + local + ", not "
                            + SampleLines.imageName(i));
                }
                manifest.add(lines.withImage(partLines.get(i), SampleLines.imageName(manifest.size()),
                        partManifest.toString(), where));
            }
            if (manifest.size() > first) {
                moves.add(new Move(part.toString(), dataset.toString(), first, manifest.size() - first));
            }
        }
        if (!moves.isEmpty()) {
            sc.parallelize(moves, moves.size()).foreach(move -> move.run(conf.files()));
        }
        files.writeAtomically(new Path(dataset, FileDatasetStore.MANIFEST), HadoopFiles.utf8(manifest));
        files.delete(new Path(dataset, PARTS));
        return manifest.size();
    }

    /** A part's first {@code count} images, moved to the dataset's numbers from {@code first}. */
    record Move(String part, String dataset, long first, int count) implements java.io.Serializable {

        /** Idempotent: an image already moved (by an earlier attempt of this task) is left where it is. */
        void run(HadoopFiles files) {
            for (int i = 0; i < count; i++) {
                Path from = new Path(part, SampleLines.imageName(i));
                Path to = new Path(dataset, SampleLines.imageName(first + i));
                if (files.exists(from) || !files.exists(to)) {
                    files.rename(from, to);
                }
            }
        }
    }

    private static Path part(Path dataset, int partition) {
        return new Path(new Path(dataset, PARTS), String.format(Locale.ROOT, "part-%05d", partition));
    }
}
