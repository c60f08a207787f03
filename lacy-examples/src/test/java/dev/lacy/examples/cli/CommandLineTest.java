package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lacy.core.scene.RgbImage;
import dev.lacy.dataset.PngCodec;
import dev.lacy.sim.coppeliasim.CoppeliaSimConfig;
import dev.lacy.sim.coppeliasim.RemoteApiPeerTestDouble;
import dev.lacy.sim.coppeliasim.SceneModelTestDouble;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.TabletopRenderer;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final String PAPER_SCENE = """
            {"objects": [
              {"name": "lemon", "x": 0.493, "y": 0.522, "radius": 0.04},
              {"name": "mustard bottle", "x": 0.211, "y": 0.898, "radius": 0.06},
              {"name": "red wood block", "x": 0.452, "y": 0.122, "radius": 0.05},
              {"name": "cable", "x": 0.902, "y": 0.912, "radius": 0.05}
            ]}""";

    @TempDir
    Path dir;
    private Path scene;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeScene() throws IOException {
        scene = Files.writeString(dir.resolve("scene.json"), PAPER_SCENE);
    }

    private int run(String... args) {
        return LacyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void describePrintsThePapersExampleAsJson() throws IOException {
        int code = run("describe", "--scene", scene.toString(), "--pick", "0.513,0.512", "--place", "0.773,0.531", "--json");

        assertThat(code).isZero();
        JsonNode result = json();
        assertThat(result.get("instruction").asText()).isEqualTo("Pick the lemon and place it in the middle right of the workspace");
        assertThat(result.get("target").asText()).isEqualTo("lemon");
        assertThat(result.get("placement").get("type").asText()).isEqualTo("absolute");
        assertThat(result.get("placement").get("cell").asText()).isEqualTo("middle right");
    }

    @Test
    void describeGivesARelativePlacementNearAnObject() throws IOException {
        run("describe", "--scene", scene.toString(), "--pick", "0.493,0.522", "--place", "0.76,0.912", "--json");

        JsonNode placement = json().get("placement");
        assertThat(placement.get("type").asText()).isEqualTo("relative");
        assertThat(placement.get("direction").asText()).isEqualTo("left");
        assertThat(placement.get("reference").asText()).isEqualTo("cable");
    }

    @Test
    void judgePrintsSuccessPickedAndReason() throws IOException {
        int code = run("judge", "--scene", scene.toString(), "--instruction",
                "Pick the lemon and place it in the top right of the workspace",
                "--pick", "0.513,0.512", "--place", "0.773,0.531", "--json");

        assertThat(code).isZero();
        JsonNode result = json();
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("picked").asText()).isEqualTo("lemon");
        assertThat(result.get("reason").asText()).contains("middle right");
    }

    @Test
    void judgeReportsAnEmptyPickAsNull() throws IOException {
        run("judge", "--scene", scene.toString(), "--instruction", "Pick the lemon and place it in the center",
                "--pick", "0.7,0.7", "--place", "0.5,0.5", "--json");

        assertThat(json().get("picked").isNull()).isTrue();
    }

    @Test
    void badInputFailsWithOneLineNamingTheProblem() throws IOException {
        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"objects\": [{\"name\": \"lemon\", \"x\": 0.4}]}");

        assertOneLineError(run("describe", "--scene", malformed.toString(), "--pick", "0.1,0.1", "--place", "0.5,0.5"),
                "objects[0].y: missing");
        assertOneLineError(run("judge", "--scene", scene.toString(), "--instruction", "Pick the banana and place it in the center",
                "--pick", "0.5,0.5", "--place", "0.5,0.5"), "'banana', which is not in the scene");
        assertOneLineError(run("judge", "--scene", scene.toString(), "--instruction", "Pick the lemon and place it in the center",
                "--pick", "1.5,0.5", "--place", "0.5,0.5"), "outside the workspace");
        assertOneLineError(run("describe", "--scene", scene.toString(), "--pick", "0.05,0.05", "--place", "0.5,0.5"),
                "lies on no object");
        assertOneLineError(run("describe", "--scene", dir.resolve("missing.json").toString(), "--pick", "0.5,0.5", "--place", "0.5,0.5"),
                "no such file");
        assertOneLineError(run("judge", "--scene", scene.toString(), "--instruction", "dance",
                "--pick", "0.5,0.5", "--place", "0.5,0.5"), "does not have the form");
        assertOneLineError(run("train", "--base", dir.toString(), "--data", dir.toString(), "--out", dir.resolve("m").toString(),
                "--lora-rank", "0"), "--lora-rank must be positive, got 0");
        assertOneLineError(run("train", "--base", dir.toString(), "--data", dir.toString(), "--out", dir.resolve("m").toString(),
                "--lora-alpha", "-2"), "--lora-alpha must be positive, got -2.0");
    }

    @Test
    void generateThenExportWritesDatasetsAndConversations() throws IOException {
        Path data = dir.resolve("data");

        int generated = run("generate", "--demos", "3", "--grounding", "2", "--test", "1", "--image-size", "32",
                "--seed", "5", "--out", data.toString(), "--json");
        JsonNode summary = json();
        out.getBuffer().setLength(0);
        int exported = run("export", "--data", data.toString(), "--datasets", "train,grounding",
                "--out", dir.resolve("llava.json").toString(), "--json");

        assertThat(generated).isZero();
        assertThat(summary.get("train").asInt()).isEqualTo(3);
        assertThat(summary.get("trainL2c").asInt()).isEqualTo(48);
        assertThat(summary.get("grounding").asInt()).isEqualTo(2);
        assertThat(summary.get("test").asInt()).isEqualTo(1);
        assertThat(exported).isZero();
        assertThat(json().get("records").asInt()).isEqualTo(3 * 2 + 2);
        assertThat(new ObjectMapper().readTree(dir.resolve("llava.json").toFile())).hasSize(8);
        assertThat(json().get("pickPhrases").asBoolean()).isFalse();
        assertThat(json().get("comparisonLine").asInt()).as("the line lacy train teaches").isEqualTo(3);

        // in the instructions' own pick phrases: A2L's reasoning names the object at the pick point
        out.getBuffer().setLength(0);
        assertThat(run("export", "--data", data.toString(), "--datasets", "train", "--pick-phrases",
                "--out", dir.resolve("phrases.json").toString(), "--json")).isZero();
        assertThat(json().get("pickPhrases").asBoolean()).isTrue();
        assertThat(Files.readString(dir.resolve("phrases.json"))).contains("The pick is at (");
        assertThat(Files.readString(dir.resolve("llava.json"))).doesNotContain("The pick is at (");
        out.getBuffer().setLength(0);
        assertOneLineError(run("export", "--data", data.toString(), "--datasets", "train", "--pick-phrases", "--no-cot",
                "--out", dir.resolve("none.json").toString()), "not with --no-cot");
        out.getBuffer().setLength(0);
        assertOneLineError(run("export", "--data", data.toString(), "--datasets", "train", "--comparison-line", "4",
                "--out", dir.resolve("four.json").toString()), "version 4");
        out.getBuffer().setLength(0);
        assertOneLineError(run("export", "--data", data.toString(), "--datasets", "train", "--comparison-line", "2", "--no-cot",
                "--out", dir.resolve("none.json").toString()), "not with --no-cot");
        out.getBuffer().setLength(0);
        assertThat(run("export", "--data", data.toString(), "--datasets", "train", "--comparison-line", "1",
                "--out", dir.resolve("cells.json").toString(), "--json")).isZero();
        assertThat(json().get("comparisonLine").asInt()).isEqualTo(1);
    }

    @Test
    void aSecondGenerateIntoADirectoryAnotherProcessWritesExitsTwoNamingItAndWritesNothing() throws Exception {
        Path data = dir.resolve("data");
        String[] generate = {"generate", "--demos", "2", "--grounding", "1", "--test", "1", "--image-size", "32",
                "--seed", "5", "--out", data.toString()};
        Process other = dev.lacy.dataset.OwningProcess.start(data.resolve("test"));
        try {
            assertThat(run(generate)).isEqualTo(2);
            assertThat(err.toString().strip()).contains("process " + other.pid()).doesNotContain("\n")
                    .doesNotContain("Exception");
            err.getBuffer().setLength(0);
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
        assertThat(run(generate)).isZero();
        Path single = dir.resolve("single");
        generate[generate.length - 1] = single.toString();
        assertThat(run(generate)).isZero();
        for (String dataset : List.of("train", "train-l2c", "grounding", "test")) {
            assertThat(Files.readString(data.resolve(dataset).resolve("samples.jsonl")))
                    .as(dataset).isEqualTo(Files.readString(single.resolve(dataset).resolve("samples.jsonl")));
        }
    }

    @Test
    void anOutputThatIsOrHoldsItsOwnInputIsRefusedBeforeAnyWork() throws IOException {
        Path data = generated(1);
        Path manifest = data.resolve("test").resolve("samples.jsonl");
        String before = Files.readString(manifest);

        assertOneLineError(run("export", "--data", data.toString(), "--datasets", "test", "--out", manifest.toString()),
                "is inside the input --datasets test");
        assertThat(Files.readString(manifest)).isEqualTo(before);
        assertOneLineError(run("export", "--data", data.toString(), "--datasets", "test", "--out", data.toString()),
                "holds the input --datasets test");
        Path base = Files.createDirectories(dir.resolve("base"));
        assertOneLineError(run("train", "--base", base.toString(), "--data", data.toString(), "--out", base.toString()),
                "is the input --base");
        assertOneLineError(run("train", "--base", base.toString(), "--data", data.toString(), "--out",
                base.resolve("adapter").toString()), "is inside the input --base");
        assertOneLineError(run("pretrain", "--data", data.toString(), "--out", data.resolve("grounding").toString()),
                "is inside the input --data");
        assertOneLineError(run("pretrain", "--data", data.toString(), "--from", base.toString(), "--out", base.toString()),
                "is the input --from");
        assertOneLineError(run("pretrain", "--data", data.toString(), "--from", base.toString(), "--text-window", "3",
                "--out", dir.resolve("longer").toString()), "with --from the base's is kept");
        assertOneLineError(run("pretrain", "--data", data.toString(), "--from", base.toString(), "--image-size", "224",
                "--patch-size", "28", "--out", dir.resolve("longer").toString()), "with --from the base's is kept");
        assertOneLineError(run("pretrain", "--data", data.toString(), "--image-size", "224", "--patch-size", "30",
                "--out", dir.resolve("sharper").toString()), "got 224 and 30");
        assertOneLineError(run("pretrain", "--data", data.toString(), "--image-size", "224",
                "--out", dir.resolve("sharper").toString()), "--image-size and --patch-size go together");
        assertThat(Files.exists(dir.resolve("sharper"))).isFalse();
        assertOneLineError(run("improve", "--base", base.toString(), "--data", data.toString(), "--out", data.toString()),
                "is the input --data");
        assertOneLineError(run("augment", "--model", base.toString(), "--data", data.toString(), "--dataset", "test",
                "--out-dataset", "test"), "is the dataset augmented");
        assertOneLineError(run("demo", "--base", base.toString(), "--out", base.resolve("run").toString()),
                "is or is inside the input --base");
        assertOneLineError(run("generate", "--demos", "0", "--grounding", "0", "--test", "0", "--out",
                dir.resolve("nothing").toString()), "nothing to generate");
        assertThat(Files.exists(dir.resolve("nothing"))).isFalse();
        assertOneLineError(run("train", "--base", base.toString(), "--data", data.toString(), "--limit", "-1", "--out",
                dir.resolve("model").toString()), "--limit -1 must be at least 1");
        assertOneLineError(run("augment", "--model", base.toString(), "--data", data.toString(), "--dataset", "test",
                "--samples", "100000"), "between 1 and 64");
        assertOneLineError(run("observe", "--out", data.toString()), "is a directory");
        Path unwritable = Files.createDirectories(dir.resolve("read-only"));
        if (unwritable.toFile().setWritable(false) && !Files.isWritable(unwritable)) { // not as root
            assertThat(run("train", "--base", base.toString(), "--data", data.toString(), "--out",
                    unwritable.resolve("model").toString())).isNotZero();
            assertThat(err.toString()).contains("read-only").doesNotContain("Exception");
            err.getBuffer().setLength(0);
        }
        assertThat(Files.exists(base.resolve("adapter"))).isFalse();
        assertThat(Files.exists(base.resolve("run"))).isFalse();
    }

    @Test
    void aRerunWithOtherSettingsIsRefusedNamingTheDifferenceAndAppendsNothing() throws IOException {
        Path data = generated(0);
        String before = Files.readString(data.resolve("train").resolve("samples.jsonl"));

        assertOneLineError(run("generate", "--demos", "4", "--grounding", "0", "--test", "1", "--image-size", "64",
                "--seed", "5", "--out", data.toString()), "imageSize 32 there, 64 now");
        assertOneLineError(run("generate", "--demos", "4", "--grounding", "0", "--test", "1", "--image-size", "32",
                "--seed", "6", "--randomize", "--out", data.toString()), "seed 5 there, 6 now, randomization none there, moderate now");
        assertThat(Files.readString(data.resolve("train").resolve("samples.jsonl"))).isEqualTo(before);
        // the same settings extend the datasets
        assertThat(run("generate", "--demos", "4", "--grounding", "0", "--test", "1", "--image-size", "32", "--seed", "5",
                "--out", data.toString())).isZero();
        assertThat(Files.readString(data.resolve("train").resolve("samples.jsonl"))).startsWith(before).hasLineCount(4);
    }

    /**
     * {@code lacy act} and {@code lacy verify} on the LLaVA-NeXT fixture (grouped-query attention, chat template, the image
     * at its placeholder) answer what transformers answered (the export tool's expected.json beside the package).
     */
    @Test
    void actAndVerifyOnAnExportedLlavaNextAnswerAsTransformers() throws IOException {
        Path fixture = Path.of("..", "lacy-onnx-adapter", "src", "test", "resources", "llava-next-gqa");
        JsonNode expected = new ObjectMapper().readTree(fixture.resolve("expected.json").toFile());
        JsonNode i = expected.path("image");
        byte[] rgb = new byte[i.path("rgb").size()];
        for (int k = 0; k < rgb.length; k++) {
            rgb[k] = (byte) i.path("rgb").get(k).asInt();
        }
        Path image = Files.write(dir.resolve("fixture.png"), PngCodec.encode(RgbImage.of(i.path("width").asInt(),
                i.path("height").asInt(), rgb)));

        // a random-weight model gives no action: act reports the malformed answer (exit 1) with its completion
        assertThat(run("act", "--model", fixture.toString(), "--image", image.toString(), "--instruction",
                expected.path("act").path("instruction").asText(), "--json")).isEqualTo(1);
        assertThat(json().path("completion").asText()).isEqualTo(expected.path("act").path("text").asText());
        assertThat(json().path("malformed").asText()).isNotEmpty();

        out.getBuffer().setLength(0);
        JsonNode verify = expected.path("verify");
        assertThat(run("verify", "--model", fixture.toString(), "--image", image.toString(), "--first",
                verify.path("first").asText(), "--second", verify.path("second").asText(), "--json")).as(err.toString()).isEqualTo(0);
        double z = verify.path("positive").asDouble() - verify.path("negative").asDouble();
        assertThat(json().path("confidence").asDouble()).isCloseTo(1 / (1 + Math.exp(-z)), org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void aFourThousandCharacterInstructionIsAOneLineErrorNotADeadJvm() throws Exception {
        // in a process of its own, as a user runs it: the main thread's 1 MiB stack is what native code overflowed
        Path image = dir.resolve("image.png");
        Files.write(image, PngCodec.encode(RgbImage.filled(64, 64, 0x808080)));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String command : List.of("act", "verify")) {
            var arguments = new java.util.ArrayList<>(List.of(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    LacyCommand.class.getName(), command, "--model", Path.of("..", "models", "lacy-tiny-base").toString(),
                    "--image", image.toString()));
            String instruction = "Pick the lemon ".repeat(270);
            arguments.addAll(command.equals("act") ? List.of("--instruction", instruction)
                    : List.of("--first", instruction, "--second", "Pick the lemon and place it in the center"));
            Process process = new ProcessBuilder(arguments).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(command + ": " + stderr).isEqualTo(2);
            assertThat(stderr.strip()).contains("the prompt is").contains("tokens").doesNotContain("\n");
        }
    }

    @Test
    void runRefusesToPickAnObjectTheModelDidNotGroundUnderTheInstructionsName() {
        var grounding = List.of(new dev.lacy.core.format.GroundedObject("green block", new dev.lacy.core.scene.Point(0.3, 0.4)),
                new dev.lacy.core.format.GroundedObject("lemon", new dev.lacy.core.scene.Point(0.7, 0.7)));
        var action = dev.lacy.core.scene.PickPlaceAction.of(0.3, 0.4, 0.5, 0.5);
        var answer = new dev.lacy.core.cycle.TaskAnswer.Answered<>(action, java.util.Optional.of(grounding), "", java.util.Optional.empty());

        assertThat(RunCommand.refusal(answer, "Pick the power drill and place it in the center of the workspace"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not 'power drill'")
                        .contains("green block at (0.300,0.400), lemon at (0.700,0.700)").contains("--allow-ungrounded"));
        assertThat(RunCommand.refusal(answer, "Pick the green block and place it in the center of the workspace")).isEmpty();
        var ungrounded = new dev.lacy.core.cycle.TaskAnswer.Answered<>(action, java.util.Optional.empty(), "", java.util.Optional.empty());
        assertThat(RunCommand.refusal(ungrounded, "Pick the green block and place it in the center of the workspace"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no grounding"));
    }

    @Test
    void evalGroundingReportsEveryLookupOfTheShippedBaseAndListsEverySceneNotExact() throws IOException {
        Path data = dir.resolve("data");
        run("generate", "--demos", "1", "--grounding", "1", "--test", "2", "--seed", "5", "--out", data.toString());
        out.getBuffer().setLength(0);
        Path misses = dir.resolve("grounding-misses.jsonl");

        int code = run("eval", "--model", Path.of("..", "models", "lacy-tiny-base").toString(), "--data", data.toString(),
                "--grounding", "--misses", misses.toString(), "--json");

        assertThat(code).isZero();
        JsonNode result = json();
        assertThat(result.get("scenes").asInt()).isEqualTo(2);
        for (String share : new String[] {"exactScenes", "objectsWithinFootprint", "whereInside", "whatRight", "whatAtPickRight", "askRight", "askPlaceRight"}) {
            assertThat(result.get(share).asDouble()).as(share).isBetween(0.0, 1.0);
        }
        assertThat(result.get("malformed").asInt()).isBetween(0, 2);
        assertThat(result.get("askMovedRight").asInt()).isBetween(0, result.get("askMoved").asInt());
        List<String> lines = Files.readAllLines(misses);
        assertThat(lines).hasSize(2 - (int) Math.round(2 * result.get("exactScenes").asDouble()));
        for (String line : lines) {
            JsonNode miss = new ObjectMapper().readTree(line);
            assertThat(miss.get("task").asText()).isEqualTo("grounding");
            assertThat(miss.get("scene").asInt()).isBetween(0, 1);
            assertThat(miss.get("expected")).isNotEmpty();
            assertThat(miss.get("written")).isNotEqualTo(miss.get("expected"));
            assertThat(miss.get("sentence").asText()).isNotBlank();
        }
        // the sentences held to themselves by default; as the model writes them with --raw-copies, no fewer miscounted
        assertThat(result.get("rawCopies").asBoolean()).isFalse();
        out.getBuffer().setLength(0);
        assertThat(run("eval", "--model", Path.of("..", "models", "lacy-tiny-base").toString(), "--data", data.toString(),
                "--grounding", "--raw-copies", "--json")).isZero();
        JsonNode raw = json();
        assertThat(raw.get("rawCopies").asBoolean()).isTrue();
        assertThat(raw.get("malformed").asInt()).isGreaterThanOrEqualTo(result.get("malformed").asInt());
    }

    @Test
    void evalWithRawCopiesOrClearPlacesChangesOnlyL2aAndTheTwoTogetherAreRefused() throws IOException {
        Path data = dir.resolve("data");
        run("generate", "--demos", "1", "--grounding", "1", "--test", "3", "--seed", "5", "--out", data.toString());
        String joint = Path.of("..", "models", "lacy-tiny-joint").toString();
        out.getBuffer().setLength(0);
        assertThat(run("eval", "--model", joint, "--data", data.toString(), "--json")).as(err.toString()).isZero();
        JsonNode held = json();
        out.getBuffer().setLength(0);

        // only L2A's completions are held (to their grounding, their place points clear): A2L and L2C are the same either way
        for (String hold : List.of("--raw-copies", "--clear-places")) {
            assertThat(run("eval", "--model", joint, "--data", data.toString(), hold, "--json")).as(err.toString()).isZero();
            JsonNode other = json();
            out.getBuffer().setLength(0);

            assertThat(other.get("scenes").asInt()).as(hold).isEqualTo(3);
            // the output says how it was scored
            assertThat(other.get("rawCopies").asBoolean()).as(hold).isEqualTo(hold.equals("--raw-copies"));
            assertThat(other.get("clearPlaces").asBoolean()).as(hold).isEqualTo(hold.equals("--clear-places"));
            assertThat(other.get("l2a").asDouble()).as(hold).isBetween(0.0, 100.0);
            assertThat(other.get("scores").get("a2l")).as(hold).isEqualTo(held.get("scores").get("a2l"));
            assertThat(other.get("scores").get("l2c")).as(hold).isEqualTo(held.get("scores").get("l2c"));
        }
        err.getBuffer().setLength(0);
        assertThat(run("eval", "--model", joint, "--data", data.toString(), "--clear-places", "--raw-copies")).isNotZero();
        assertThat(err.toString()).contains("--clear-places").contains("--raw-copies");
    }

    @Test
    void augmentWithClearPlacesIsAJobOfItsOwn() throws IOException {
        Path data = dir.resolve("data");
        run("generate", "--demos", "1", "--grounding", "1", "--test", "1", "--pool", "2", "--seed", "5", "--out", data.toString());
        String joint = Path.of("..", "models", "lacy-tiny-joint").toString();
        out.getBuffer().setLength(0);

        assertThat(run("augment", "--model", joint, "--data", data.toString(), "--dataset", "pool", "--samples", "2",
                "--clear-places", "--json")).as(err.toString()).isZero();

        assertThat(json().get("examples").asInt()).isEqualTo(2);
        // the same output without the hold would mix two jobs' triplets: refused
        err.getBuffer().setLength(0);
        assertThat(run("augment", "--model", joint, "--data", data.toString(), "--dataset", "pool", "--samples", "2"))
                .isNotZero();
        assertThat(err.toString()).contains("another Algorithm 1 job").contains("clear places");
    }

    @Test
    void evalCountsEveryL2aMissUnderOneReasonAndListsEveryMiss() throws IOException {
        Path data = dir.resolve("data");
        run("generate", "--demos", "1", "--grounding", "1", "--test", "2", "--seed", "5", "--out", data.toString());
        out.getBuffer().setLength(0);

        Path misses = dir.resolve("misses.jsonl");

        int code = run("eval", "--model", Path.of("..", "models", "lacy-tiny-base").toString(), "--data", data.toString(),
                "--misses", misses.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode result = json();
        int counted = 0;
        for (JsonNode count : result.get("l2aFailures")) {
            counted += count.asInt();
        }
        int missed = 2 - (int) Math.round(result.get("l2a").asDouble() / 50);
        assertThat(counted).isEqualTo(missed);
        int a2lMissed = 2 - (int) Math.round(result.get("a2l").asDouble() / 50);
        int l2cMissed = 4 - (int) Math.round(result.get("l2c").asDouble() / 25);
        List<String> lines = Files.readAllLines(misses);
        assertThat(lines).hasSize(missed + a2lMissed + l2cMissed);
        int l2cLines = 0;
        int a2lLines = 0;
        for (String line : lines) {
            JsonNode miss = new ObjectMapper().readTree(line);
            assertThat(miss.get("instruction").asText()).isNotBlank();
            if (miss.get("task").asText().equals("L2C")) {
                l2cLines++;
                assertThat(miss.get("other").asText()).isNotBlank().isNotEqualTo(miss.get("instruction").asText());
                assertThat(miss.get("confidence").asDouble() >= 0.5).isNotEqualTo(miss.get("consistent").asBoolean());
            } else if (miss.get("task").asText().equals("A2L")) {
                a2lLines++;
                assertThat(miss.get("pick")).hasSize(2);
                assertThat(miss.get("place")).hasSize(2);
                assertThat(result.get("a2lFailures").has(miss.get("reason").asText())).isTrue();
            } else {
                assertThat(miss.get("task").asText()).isEqualTo("L2A");
                assertThat(result.get("l2aFailures").has(miss.get("reason").asText())).isTrue();
            }
        }
        assertThat(l2cLines).isEqualTo(l2cMissed);
        assertThat(a2lLines).isEqualTo(a2lMissed).isPositive();

        // the line for people counts the A2L misses by reason too
        out.getBuffer().setLength(0);
        assertThat(run("eval", "--model", Path.of("..", "models", "lacy-tiny-base").toString(), "--data", data.toString()))
                .isZero();
        var reasons = result.get("a2lFailures").fieldNames();
        assertThat(out.toString()).contains("A2L misses: " + reasons.next() + " ");
    }

    @Test
    void executeAndObserveDriveTheEmbeddedTableAfterStagingAScene() throws IOException {
        int executed = run("execute", "--scene", scene.toString(), "--pick", "0.493,0.522", "--place", "0.76,0.912", "--json");
        JsonNode outcome = json();
        out.getBuffer().setLength(0);
        int observed = run("observe", "--scene", scene.toString(), "--image-size", "64",
                "--out", dir.resolve("seen.png").toString(), "--json");

        assertThat(executed).isZero();
        assertThat(outcome.get("outcome").asText()).isEqualTo("placed");
        assertThat(outcome.get("object").asText()).isEqualTo("lemon");
        assertThat(observed).isZero();
        assertThat(json().get("width").asInt()).isEqualTo(64);
        assertThat(json().get("scene").get("objects")).hasSize(4);
        assertThat(dir.resolve("seen.png")).exists();
    }

    @Test
    void observeAndExecuteDriveCoppeliaSimAsItsServerBehaves() throws IOException {
        var simulation = new SceneModelTestDouble(CoppeliaSimConfig.defaults("tcp://x:1").imageToTable());
        try (var server = new RemoteApiPeerTestDouble(simulation)) {
            int executed = run("execute", "--backend", "coppeliasim", "--coppeliasim", server.endpoint(), "--scene",
                    scene.toString(), "--pick", "0.493,0.522", "--place", "0.76,0.5", "--json");
            JsonNode outcome = json();
            out.getBuffer().setLength(0);
            int observed = run("observe", "--backend", "coppeliasim", "--coppeliasim", server.endpoint(),
                    "--out", dir.resolve("seen.png").toString(), "--json");

            assertThat(executed).as(err.toString()).isZero();
            assertThat(outcome.get("outcome").asText()).isEqualTo("placed");
            assertThat(outcome.get("object").asText()).isEqualTo("lemon");
            assertThat(outcome.get("placedAt").get(0).asDouble()).isCloseTo(0.76, within(0.01));
            assertThat(observed).as(err.toString()).isZero();
            RgbImage seen = PngCodec.decode(Files.readAllBytes(dir.resolve("seen.png")));
            var moved = new dev.lacy.core.scene.Scene(java.util.List.of(
                    new dev.lacy.core.scene.SceneObject("lemon", new dev.lacy.core.scene.Point(0.76, 0.5), 0.04),
                    new dev.lacy.core.scene.SceneObject("mustard bottle", new dev.lacy.core.scene.Point(0.211, 0.898), 0.06),
                    new dev.lacy.core.scene.SceneObject("red wood block", new dev.lacy.core.scene.Point(0.452, 0.122), 0.05),
                    new dev.lacy.core.scene.SceneObject("cable", new dev.lacy.core.scene.Point(0.902, 0.912), 0.05)));
            RgbImage expected = new TabletopRenderer(ObjectCatalogue.standard(), 48, Randomization.NONE)
                    .render(moved, new SplittableRandom(0));
            assertThat(seen).as("the table as it is now, top row first, not black").isEqualTo(expected);
            assertThat(simulation.running()).as("stopped again: this command started it").isFalse();
        }
    }

    @Test
    void anUnreachableCoppeliaSimIsOneLineNamingTheEndpoint() throws IOException {
        Path config = Files.writeString(dir.resolve("c.json"), "{\"timeoutSeconds\": 0.3}");

        int code = run("execute", "--backend", "coppeliasim", "--coppeliasim", "tcp://127.0.0.1:9", "--coppeliasim-config",
                config.toString(), "--pick", "0.5,0.5", "--place", "0.2,0.2");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).contains("tcp://127.0.0.1:9").contains("is CoppeliaSim running").doesNotContain("\n");
    }

    @Test
    void calibrateThenADryRunOnTheFrankaPrintsThePlanWithoutARobot() throws IOException {
        Path pairs = Files.writeString(dir.resolve("pairs.json"), """
                {"pairs": [{"image": [0, 0], "table": [0.75, 0.25]}, {"image": [1, 0], "table": [0.75, -0.25]},
                           {"image": [1, 1], "table": [0.25, -0.25]}, {"image": [0, 1], "table": [0.25, 0.25]}]}""");
        assertThat(run("calibrate", "--pairs", pairs.toString(), "--out", dir.resolve("calibration.json").toString(), "--json"))
                .isZero();
        Path config = Files.writeString(dir.resolve("franka.json"),
                "{\"rosbridge\": \"ws://127.0.0.1:9\", \"calibrationFile\": \"calibration.json\"}");
        out.getBuffer().setLength(0);

        int code = run("execute", "--backend", "franka", "--franka-config", config.toString(), "--dry-run",
                "--pick", "0.3,0.3", "--place", "0.3,0.75", "--json");

        assertThat(code).isZero();
        assertThat(json().get("outcome").asText()).isEqualTo("refused");
        assertThat(json().get("reason").asText()).contains("dry run");
        assertThat(err.toString()).contains("franka: plan: pre-grasp (0.600, 0.100, 0.150)");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertOneLineError(run("execute", "--backend", "franka", "--franka-config", config.toString(), "--dry-run",
                "--scene", scene.toString(), "--pick", "0.3,0.3", "--place", "0.3,0.75"), "set up by hand");
    }

    @Test
    void runAsksTheModelAndReportsAnUnusableAnswerWithoutMoving() throws IOException {
        var config = new dev.lacy.onnx.tiny.TinyLlavaConfig(16, 8, 32, 4, 1, 64,
                dev.lacy.onnx.writer.CharacterTokenizer.vocabularySize(), 512);
        Path model = dev.lacy.onnx.writer.TinyLlavaPackages.write(dir.resolve("model"), "random",
                dev.lacy.onnx.tiny.TinyLlavaWeights.random(config, 1), new dev.lacy.onnx.writer.ModelPackageWriter(), true);

        int code = run("run", "--model", model.toString(), "--scene", scene.toString(), "--image-size", "32",
                "--instruction", "Pick the lemon and place it in the center of the workspace", "--max-tokens", "12", "--json");

        // random weights cannot ground the scene: the answer is reported as unusable, and nothing moves
        assertThat(code).isEqualTo(1);
        JsonNode result = json();
        assertThat(result.get("outcome").asText()).isEqualTo("malformed-answer");
        assertThat(result.get("reason").asText()).isNotBlank();
        assertThat(result.has("completion")).isTrue();
        out.getBuffer().setLength(0);
        assertOneLineError(run("run", "--model", dir.toString(), "--instruction", "Pick the lemon and place it in the center"),
                "no lacy-model.json");
    }

    @Test
    void runWithClearPlacesMovesThePlacePointOffAnObjectTheModelGroundedThere() throws IOException {
        // the middle right cell's center is taken by the mustard bottle (the catalogue's footprints); the shipped LACY-Joint
        // writes that center, and the arm refuses to put the lemon on the bottle
        Path taken = Files.writeString(dir.resolve("taken.json"), """
                {"objects": [
                  {"name": "lemon", "x": 0.30, "y": 0.25, "radius": 0.038},
                  {"name": "mustard bottle", "x": 0.833, "y": 0.50, "radius": 0.046},
                  {"name": "mug", "x": 0.20, "y": 0.80, "radius": 0.065}
                ]}""");
        String joint = Path.of("..", "models", "lacy-tiny-joint").toString();
        String instruction = "Pick the lemon and place it in the middle right of the workspace";

        run("run", "--model", joint, "--scene", taken.toString(), "--instruction", instruction, "--json");
        JsonNode asWritten = json();
        out.getBuffer().setLength(0);
        assertThat(run("run", "--model", joint, "--scene", taken.toString(), "--instruction", instruction, "--clear-places",
                "--json")).as(err.toString()).isZero();
        JsonNode clear = json();

        assertThat(asWritten.get("outcome").asText()).isEqualTo("PlaceFailed");
        assertThat(asWritten.get("place").get(0).asDouble()).isEqualTo(0.833);
        assertThat(clear.get("outcome").asText()).isEqualTo("Placed");
        var place = new dev.lacy.core.scene.Point(clear.get("place").get(0).asDouble(), clear.get("place").get(1).asDouble());
        assertThat(dev.lacy.core.spatial.GridCell.of(place)).isEqualTo(dev.lacy.core.spatial.GridCell.MIDDLE_RIGHT);
        assertThat(clear.get("completion").asText()).contains("The place is in the middle right at " + place.format())
                .endsWith("<place> at " + place.format());

        // footprints of your own: a file that does not name the bottle leaves the point as the model wrote it
        Path withoutTheBottle = Files.writeString(dir.resolve("footprints.json"), "{\"lemon\": 0.038, \"mug\": 0.065}");
        out.getBuffer().setLength(0);
        run("run", "--model", joint, "--scene", taken.toString(), "--instruction", instruction, "--clear-places",
                "--footprints", withoutTheBottle.toString(), "--json");
        assertThat(json().get("outcome").asText()).isEqualTo("PlaceFailed");
    }

    @Test
    void aFootprintsFileIsCheckedBeforeAnyWork() throws IOException {
        String joint = Path.of("..", "models", "lacy-tiny-joint").toString();
        Path footprints = Files.writeString(dir.resolve("footprints.json"), "{\"lemon\": 0.038}");
        assertOneLineError(run("eval", "--model", joint, "--data", dir.resolve("none").toString(), "--footprints",
                footprints.toString()), "goes with --clear-places");
        Files.writeString(footprints, "{\"lemon\": 0.038, \"mug\": \"large\"}");
        assertOneLineError(run("eval", "--model", joint, "--data", dir.resolve("none").toString(), "--clear-places",
                "--footprints", footprints.toString()), "the radius of 'mug' is not a number");
        Files.writeString(footprints, "{\"lemon\": 0.038, \"mug\": 0.9}");
        assertOneLineError(run("eval", "--model", joint, "--data", dir.resolve("none").toString(), "--clear-places",
                "--footprints", footprints.toString()), "'mug'");
        Files.writeString(footprints, "[0.038]");
        assertOneLineError(run("eval", "--model", joint, "--data", dir.resolve("none").toString(), "--clear-places",
                "--footprints", footprints.toString()), "a JSON object of names to radii");
    }

    /** {@code dir/data}: two demonstrations, {@code grounding} grounding images and one test scene, seed 5, 32 pixels. */
    private Path generated(int grounding) {
        Path data = dir.resolve("data");
        assertThat(run("generate", "--demos", "2", "--grounding", String.valueOf(grounding), "--test", "1", "--image-size",
                "32", "--seed", "5", "--out", data.toString())).isZero();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return data;
    }

    private void assertOneLineError(int code, String expected) {
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).contains(expected).doesNotContain("\n").doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);
    }
}
