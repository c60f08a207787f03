package dev.lacy.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.data.Sample;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.scene.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Datasets on the file system: {@code ROOT/NAME/samples.jsonl} (one JSON object per line, in the
 * order appended) and {@code ROOT/NAME/images/00000012.png} (sample 12's image).
 *
 * <p>An append writes each PNG atomically and forces the images directory to disk, then writes
 * every manifest line of the batch in one write, forced to disk: a crash, even a power loss, leaves
 * either the whole batch or none of it. A final manifest line without its newline is either a
 * complete sample (a file edited or copied by hand: it is read, and the next append terminates it) or
 * the trace of a crash during a write (a torn line: reads report it with its file, line and size and
 * leave it out, and only the dataset's owner removes it, at its next append). Every committed line is
 * validated on read, and a bad line or a missing image is an error naming the manifest and the line:
 * nothing is skipped.
 *
 * <p>A process that appends to a dataset owns it ({@link DirectoryOwnership}) until it ends or {@link
 * #release}s it: another process's append, or {@link #claim}, is refused with an error naming the owner.
 * Within one process appends are serialised. The append path never reads the whole manifest: the owner
 * counts its lines once (streaming) and keeps the count.
 */
public final class FileDatasetStore implements DatasetStore {

    public static final String MANIFEST = "samples.jsonl";
    private static final System.Logger LOG = System.getLogger(FileDatasetStore.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern IMAGE = Pattern.compile("images/\\d{8}\\.png");

    private final Path root;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SampleJson json = new SampleJson(mapper);
    /** A demonstration's L2C pairs, read one after another, share one decoding of their identical images. */
    private final RecentImages recentImages = new RecentImages(8);

    public FileDatasetStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The directory of a dataset (which may not exist yet). */
    public Path directory(String dataset) {
        return root.resolve(requireName(dataset));
    }

    @Override
    public void append(String dataset, List<? extends Sample> samples) {
        Path directory = directory(dataset);
        Path manifest = directory.resolve(MANIFEST);
        DirectoryOwnership.Owned owned = DirectoryOwnership.owned(directory);
        synchronized (owned) {
            try {
                Files.createDirectories(directory.resolve("images"));
                long first = committed(owned, manifest);
                // encoding and forcing PNGs to disk dominate an append: do them on every core; the
                // batch becomes visible only with its manifest lines, written in order afterwards. Samples of the
                // batch that share one image (a demonstration's L2C pairs) share its file: written once, the
                // others hard links to it
                int[] owner = sharedImages(samples);
                IntStream.range(0, samples.size()).parallel().filter(i -> owner[i] == i)
                        .forEach(i -> writeImage(directory, first + i, samples.get(i)));
                IntStream.range(0, samples.size()).parallel().filter(i -> owner[i] != i)
                        .forEach(i -> linkImage(directory, first + i, first + owner[i], samples.get(i)));
                var lines = new StringBuilder();
                for (int i = 0; i < samples.size(); i++) {
                    lines.append(mapper.writeValueAsString(json.write(samples.get(i), imageName(first + i)))).append('\n');
                }
                if (!samples.isEmpty()) {
                    AtomicFiles.syncDirectory(directory.resolve("images"));
                    AtomicFiles.append(manifest, lines.toString().getBytes(StandardCharsets.UTF_8));
                    AtomicFiles.syncDirectory(directory);
                    owned.committed = first + samples.size();
                    owned.bytes = Files.size(manifest);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to dataset '" + dataset + "' in " + directory + ": "
                        + IoErrors.describe(e), e);
            }
        }
    }

    /**
     * Makes this process the dataset's only writer before it reads what is there (a generator that resumes from the
     * dataset's size); refused with {@link DirectoryInUseException} when another process owns it.
     */
    @Override
    public void claim(String dataset) {
        DirectoryOwnership.own(directory(dataset));
    }

    /** Ends this process's ownership of the dataset (it ends with the process anyway). */
    public void release(String dataset) {
        DirectoryOwnership.release(directory(dataset));
    }

    @Override
    public List<Sample> read(String dataset) {
        return readStored(dataset).stream().map(StoredSample::sample).toList();
    }

    /**
     * The committed samples as a list that parses each line and decodes its PNG on {@code get} (the manifest's lines are
     * read now; a sample added later is not in it): memory holds only what the caller keeps.
     */
    @Override
    public <T extends Sample> List<T> view(String dataset, Class<T> kind) {
        Path directory = directory(dataset);
        Path manifest = directory.resolve(MANIFEST);
        List<String> lines = committedLines(manifest, dataset);
        return new LazySamples<>(lines, i -> readLine(directory, manifest, i, lines.get(i)).sample(), kind, dataset);
    }

    /** A read-only list of samples made on {@code get}. */
    private static final class LazySamples<T extends Sample> extends java.util.AbstractList<T> implements java.util.RandomAccess {
        private final List<String> lines;
        private final java.util.function.IntFunction<Sample> read;
        private final Class<T> kind;
        private final String dataset;

        LazySamples(List<String> lines, java.util.function.IntFunction<Sample> read, Class<T> kind, String dataset) {
            this.lines = lines;
            this.read = read;
            this.kind = kind;
            this.dataset = dataset;
        }

        @Override
        public T get(int index) {
            Sample sample = read.apply(index);
            if (!kind.isInstance(sample)) {
                throw new IllegalArgumentException("dataset '" + dataset + "' sample " + index + " is a "
                        + sample.getClass().getSimpleName() + ", not a " + kind.getSimpleName());
            }
            return kind.cast(sample);
        }

        @Override
        public int size() {
            return lines.size();
        }
    }

    /** Every committed sample with its index and image file. */
    public List<StoredSample> readStored(String dataset) {
        Path directory = directory(dataset);
        Path manifest = directory.resolve(MANIFEST);
        List<String> lines = committedLines(manifest, dataset);
        // decoding PNGs dominates a read: do it on every core, and report the first bad line
        List<Object> parsed = IntStream.range(0, lines.size()).parallel()
                .mapToObj(i -> {
                    try {
                        return (Object) readLine(directory, manifest, i, lines.get(i));
                    } catch (MalformedFileException e) {
                        return e;
                    }
                })
                .toList();
        var samples = new ArrayList<StoredSample>(lines.size());
        for (Object result : parsed) {
            if (result instanceof MalformedFileException e) {
                throw e;
            }
            samples.add((StoredSample) result);
        }
        return List.copyOf(samples);
    }

    private StoredSample readLine(Path directory, Path manifest, int index, String line) {
        String where = "line " + (index + 1);
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(manifest, where, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        String image = node.path("image").asText("");
        Sample sample = json.read(node, manifest, where, path -> loadImage(directory, path, manifest, where));
        return new StoredSample(index, directory.resolve(image), sample);
    }

    @Override
    public long size(String dataset) {
        Path directory = directory(dataset);
        Path manifest = directory.resolve(MANIFEST);
        if (DirectoryOwnership.owns(directory)) {
            DirectoryOwnership.Owned owned = DirectoryOwnership.owned(directory);
            synchronized (owned) {
                try {
                    return committed(owned, manifest);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + manifest + ": " + IoErrors.describe(e), e);
                }
            }
        }
        if (!Files.exists(manifest)) {
            return 0;
        }
        try {
            ManifestEnd end = ManifestEnd.of(manifest);
            return end.terminatedLines() + (end.tailIsSample(mapper) ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + IoErrors.describe(e), e);
        }
    }

    /**
     * The owner's count of committed lines, counted once and kept while the file keeps the length the owner left it
     * with (a hand edit meanwhile makes it count again): a complete final line without its newline is terminated
     * (it is a sample), a torn one removed (a crash's trace, never committed).
     */
    private long committed(DirectoryOwnership.Owned owned, Path manifest) throws IOException {
        long length = Files.exists(manifest) ? Files.size(manifest) : -1;
        if (owned.committed >= 0 && owned.bytes == length) {
            return owned.committed;
        }
        if (length < 0) {
            owned.committed = 0;
            owned.bytes = -1;
            return 0;
        }
        ManifestEnd end = ManifestEnd.of(manifest);
        long lines = end.terminatedLines();
        if (end.tail().length > 0) {
            if (end.tailIsSample(mapper)) {
                AtomicFiles.append(manifest, new byte[] {'\n'});
                lines++;
            } else {
                LOG.log(System.Logger.Level.WARNING, "{0}: line {1} is torn ({2} bytes without a newline, the trace of an "
                        + "interrupted write): removed", manifest, lines + 1, end.tail().length);
                try (FileChannel channel = FileChannel.open(manifest, StandardOpenOption.WRITE)) {
                    channel.truncate(end.tailStart());
                    channel.force(true);
                }
            }
        }
        owned.committed = lines;
        owned.bytes = Files.size(manifest);
        return lines;
    }

    private List<String> committedLines(Path manifest, String dataset) {
        String text;
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no dataset '" + dataset + "' in " + root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + IoErrors.describe(e), e);
        }
        int end = text.lastIndexOf('\n');
        var lines = new ArrayList<String>(end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1)));
        String tail = text.substring(end + 1);
        if (!tail.isBlank()) {
            if (ManifestEnd.isSample(mapper, tail)) {
                lines.add(tail);
            } else {
                LOG.log(System.Logger.Level.WARNING, "{0}: line {1} is torn ({2} bytes without a newline, the trace of an "
                        + "interrupted write): left out; the dataset''s next append removes it", manifest, lines.size() + 1,
                        tail.getBytes(StandardCharsets.UTF_8).length);
            }
        }
        return lines;
    }

    private RgbImage loadImage(Path directory, String image, Path manifest, String where) {
        if (!IMAGE.matcher(image).matches()) {
            throw new MalformedFileException(manifest, where + ": image", "'" + image + "' is not images/NNNNNNNN.png");
        }
        Path file = directory.resolve(image);
        try {
            return recentImages.decode(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(manifest, where + ": image", file + " is missing");
        } catch (IOException e) {
            throw new MalformedFileException(manifest, where + ": image", file + " cannot be read: " + e.getMessage());
        }
    }

    /** For each sample, the first sample of the batch with the same image object (itself where it is the first). */
    private static int[] sharedImages(List<? extends Sample> samples) {
        var first = new java.util.IdentityHashMap<RgbImage, Integer>();
        int[] owner = new int[samples.size()];
        for (int i = 0; i < owner.length; i++) {
            int index = i;
            owner[i] = first.computeIfAbsent(samples.get(i).observation().image(), image -> index);
        }
        return owner;
    }

    /**
     * Sample {@code index}'s image as another name of sample {@code owner}'s file; a copy where the file system has no
     * hard links.
     */
    private static void linkImage(Path directory, long index, long owner, Sample sample) {
        Path file = directory.resolve(imageName(index));
        try {
            if (!AtomicFiles.link(file, directory.resolve(imageName(owner)))) {
                writeImage(directory, index, sample);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoErrors.describe(e), e);
        }
    }

    private static void writeImage(Path directory, long index, Sample sample) {
        Path file = directory.resolve(imageName(index));
        try {
            AtomicFiles.write(file, PngCodec.encode(sample.observation().image()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoErrors.describe(e), e);
        }
    }

    private static String imageName(long index) {
        return SampleLines.imageName(index);
    }

    private static String requireName(String dataset) {
        if (dataset == null || !NAME.matcher(dataset).matches()) {
            throw new IllegalArgumentException("dataset name '" + dataset + "' is not lowercase letters, digits,"
                    + " '-' and '_' (at most 64, starting with a letter or digit)");
        }
        return dataset;
    }
}
