package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line driven as a careless or hostile user would: random argument lists (the commands' own options,
 * stray tokens, hostile values) over files of random contents. Whatever the input: exit code 0, 1 or 2; a failure ends
 * with one line naming the command and the problem; no stack trace; nothing written outside the run's directory.
 *
 * <p>Seeded and quick by default ({@code fuzz.tries}, 300; {@code fuzz.seed}, 7); a long hunt: {@code ./mvnw -pl
 * lacy-examples -am test -Dtest=CommandLineFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.tries=100000
 * -Dfuzz.seed=N}. The commands that train or run Algorithm 1 (minutes each) are left to their own tests; those that
 * read a model use a copy of the shipped base.
 */
class CommandLineFuzzTest {

    private static final Path SHIPPED = Path.of("..", "models", "lacy-tiny-base");
    /** The repository: nothing in it may change (an early version wrote a generated dataset into the shipped model). */
    private static final Path REPOSITORY = Path.of("..");

    private static final Map<String, List<String>> OPTIONS = Map.ofEntries(
            Map.entry("describe", List.of("--scene", "--pick", "--place", "--seed", "--d-abs", "--d-rel", "--json")),
            Map.entry("judge", List.of("--scene", "--instruction", "--pick", "--place", "--json")),
            Map.entry("generate", List.of("--demos", "--grounding", "--test", "--pool", "--seed", "--out", "--image-size",
                    "--randomize", "--json")),
            Map.entry("export", List.of("--data", "--datasets", "--out", "--no-cot", "--pick-phrases", "--json")),
            Map.entry("observe", List.of("--scene", "--out", "--image-size", "--backend", "--json")),
            Map.entry("execute", List.of("--scene", "--pick", "--place", "--image-size", "--backend", "--json")),
            Map.entry("calibrate", List.of("--pairs", "--out", "--json")),
            Map.entry("act", List.of("--model", "--image", "--sample", "--instruction", "--json")),
            Map.entry("explain", List.of("--model", "--image", "--sample", "--pick", "--place", "--json")),
            Map.entry("verify", List.of("--model", "--image", "--sample", "--first", "--second", "--json")),
            Map.entry("eval", List.of("--model", "--data", "--limit", "--dataset", "--clear-places", "--footprints", "--json")),
            Map.entry("help", List.of()));
    private static final List<String> PATH_OPTIONS = List.of("--scene", "--out", "--data", "--model", "--image", "--pairs",
            "--footprints");
    private static final List<String> SCALARS = List.of("", "-", "--", "0", "1", "2", "3", "-1", "-7", "2147483648",
            "1e309", "NaN", "nan,1", "0.5,0.5", "0.2,0.9", "1.5,0.2", "a,b", "0.5", "quick", "embedded", "nonsense",
            "test", "train,grounding", "pool", "data:test:0", "Pick the lemon and place it in the center of the workspace",
            "Pick the power drill and place it to the left of the mug", "ß漢字\u0000", "x".repeat(5000),
            "Pick the lemon ".repeat(300));

    @TempDir
    Path dir;

    @Test
    void anyArgumentListEndsInZeroOneOrTwoWithOneLineAndNoStackTraceAndWritesOnlyItsOwnDirectory() throws IOException {
        int tries = Integer.getInteger("fuzz.tries", 300);
        var random = new SplittableRandom(Long.getLong("fuzz.seed", 7));
        List<String> before = listing(REPOSITORY);
        List<Path> files = files();
        var counts = new int[3];
        for (int t = 0; t < tries; t++) {
            List<String> args = arguments(random, files);
            var out = new StringWriter();
            var err = new StringWriter();
            int code = LacyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(args.toArray(String[]::new));
            String context = "try " + t + ": lacy " + abbreviate(args) + "\nstderr: " + abbreviate(List.of(err.toString()));
            assertThat(code).as(context).isBetween(0, 2);
            counts[code]++;
            assertThat(err.toString() + out).as(context).doesNotContain("\tat ").doesNotContain("Exception")
                    .doesNotContain("java.lang.");
            if (code != 0 && !(args.contains("--help") || args.contains("-h"))) {
                List<String> lines = err.toString().strip().lines().toList();
                assertThat(lines).as(context).isNotEmpty();
                assertThat(lines.get(lines.size() - 1)).as(context).startsWith("lacy");
                if (code == 2) {
                    // a usage or input error is one line and nothing else
                    assertThat(lines.stream().filter(l -> !l.startsWith("generate:"))).as(context).hasSize(1);
                }
            }
        }
        assertThat(listing(REPOSITORY)).as("nothing written outside the run's directory").isEqualTo(before);
        assertThat(counts[0] + counts[1] + counts[2]).isEqualTo(tries);
        assertThat(counts[2]).as("most random argument lists are refused as bad input").isGreaterThan(tries / 2);
    }

    private List<String> arguments(SplittableRandom random, List<Path> files) {
        var commands = new ArrayList<>(OPTIONS.keySet());
        commands.sort(null);
        String command = commands.get(random.nextInt(commands.size()));
        var args = new ArrayList<String>();
        if (random.nextInt(20) > 0) {
            args.add(command);
        }
        List<String> options = OPTIONS.get(command);
        int n = random.nextInt(7);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            if (kind == 0 || options.isEmpty()) {
                args.add(SCALARS.get(random.nextInt(SCALARS.size()))); // a stray token
                continue;
            }
            String option = kind == 1 ? "--" + "nope" : options.get(random.nextInt(options.size()));
            args.add(option);
            if (option.equals("--json") || option.equals("--randomize") || option.equals("--no-cot")
                    || option.equals("--pick-phrases")) {
                continue;
            }
            if (option.equals("--backend")) {
                args.add(random.nextBoolean() ? "embedded" : "nonsense");
            } else if (PATH_OPTIONS.contains(option)) {
                args.add(files.get(random.nextInt(files.size())).toString());
            } else if (option.equals("--demos") || option.equals("--grounding") || option.equals("--test")
                    || option.equals("--pool") || option.equals("--limit")) {
                args.add(List.of("0", "1", "2", "-1", "2147483648", "x").get(random.nextInt(6)));
            } else if (option.equals("--image-size")) {
                args.add(List.of("32", "0", "-4", "3", "99999", "x").get(random.nextInt(6)));
            } else {
                args.add(SCALARS.get(random.nextInt(SCALARS.size())));
            }
        }
        return args;
    }

    /** Paths a path option gets: files of hostile contents, directories, missing ones, the shipped base; all under dir. */
    private List<Path> files() throws IOException {
        var files = new ArrayList<Path>();
        files.add(write("scene.json", "{\"objects\": [{\"name\": \"lemon\", \"x\": 0.49, \"y\": 0.52, \"radius\": 0.04},"
                + " {\"name\": \"mug\", \"x\": 0.2, \"y\": 0.8, \"radius\": 0.05}, {\"name\": \"cable\", \"x\": 0.9,"
                + " \"y\": 0.9, \"radius\": 0.05}]}"));
        files.add(write("overlapping.json", "{\"objects\": [{\"name\": \"lemon\", \"x\": 0.5, \"y\": 0.5, \"radius\": 0.04},"
                + " {\"name\": \"lemon\", \"x\": 0.5, \"y\": 0.5, \"radius\": 0.4}]}"));
        files.add(write("broken.json", "{\"objects\": [{\"name\": "));
        files.add(write("nan.json", "{\"objects\": [{\"name\": \"lemon\", \"x\": NaN, \"y\": 1e400, \"radius\": -1}]}"));
        files.add(write("empty.json", ""));
        files.add(write("pairs.json", "{\"pairs\": [{\"image\": [0, 0], \"table\": [0, 0]}, {\"image\": [1, 0], \"table\": [1, 0]},"
                + " {\"image\": [2, 0], \"table\": [2, 0]}]}"));
        var random = new SplittableRandom(3);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        files.add(Files.write(dir.resolve("noise.png"), noise));
        files.add(Files.write(dir.resolve("image.png"), dev.lacy.dataset.PngCodec.encode(
                dev.lacy.core.scene.RgbImage.filled(32, 32, 0x446688))));
        Path data = dir.resolve("data");
        assertThat(LacyCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).execute(
                "generate", "--demos", "2", "--grounding", "1", "--test", "2", "--image-size", "32", "--out", data.toString()))
                .isZero();
        files.add(data);
        Path torn = Files.createDirectories(dir.resolve("torn").resolve("test"));
        Files.writeString(torn.resolve("samples.jsonl"), "{\"kind\": \"demonstration\", \"instruction\": \"Pick");
        files.add(torn.getParent());
        files.add(Files.createDirectories(dir.resolve("an-empty-directory")));
        files.add(dir.resolve("missing").resolve("deeper"));
        files.add(dir.resolve("out"));
        files.add(dir.resolve("out.png"));
        // a copy of the shipped model: path options are outputs as often as inputs
        Path base = Files.createDirectories(dir.resolve("base"));
        try (Stream<Path> shipped = Files.list(SHIPPED)) {
            for (Path file : shipped.toList()) {
                Files.copy(file, base.resolve(file.getFileName().toString()));
            }
        }
        files.add(base);
        return files;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Every file and directory under {@code root} (build outputs and version control aside), with file sizes. */
    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            return entries.filter(p -> !p.toString().contains("/target/") && !p.toString().endsWith("/target")
                            && !p.toString().contains("/.git"))
                    .map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + p.toFile().length() : "/"))
                    .sorted().toList();
        }
    }

    private static String abbreviate(List<String> args) {
        return String.join(" ", args.stream().map(a -> a.length() > 60 ? a.substring(0, 60) + "...(" + a.length() + ")" : a)
                .toList());
    }
}
