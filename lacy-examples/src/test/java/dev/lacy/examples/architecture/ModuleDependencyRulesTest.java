package dev.lacy.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module map of docs/architecture.md, seen from the one module that sees them all: adapters
 * depend on the core only (the trainer may also use the ONNX adapter's writers and lacy-tiny definition), never on each
 * other, and nothing but the composition root depends on the composition root.
 */
@AnalyzeClasses(packages = "dev.lacy", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyRulesTest {

    private static final String CORE = "dev.lacy.core..";
    private static final String DATASET = "dev.lacy.dataset..";
    private static final String ONNX = "dev.lacy.onnx..";
    private static final String ONNX_WRITERS = "dev.lacy.onnx.writer..";
    private static final String TRAINER = "dev.lacy.trainer..";
    private static final String SIM = "dev.lacy.sim..";
    private static final String FRANKA = "dev.lacy.franka..";
    private static final String EXAMPLES = "dev.lacy.examples..";
    private static final String CLIENT = "dev.lacy.client..";
    private static final String SERVER = "dev.lacy.server..";

    @ArchTest
    static final ArchRule theCoreDependsOnNoModule = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, ONNX, TRAINER, SIM, FRANKA, CLIENT, SERVER, EXAMPLES);

    @ArchTest
    static final ArchRule theDatasetStoreDependsOnNoOtherAdapter = noClasses().that().resideInAPackage(DATASET)
            .should().dependOnClassesThat().resideInAnyPackage(ONNX, TRAINER, SIM, FRANKA, EXAMPLES);

    @ArchTest
    static final ArchRule theSimulatorsDependOnNoOtherAdapter = noClasses().that().resideInAPackage(SIM)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, ONNX, TRAINER, FRANKA, EXAMPLES);

    @ArchTest
    static final ArchRule theOnnxAdapterDependsOnNoOtherAdapter = noClasses().that().resideInAPackage(ONNX)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, TRAINER, SIM, FRANKA, EXAMPLES);

    @ArchTest
    static final ArchRule theTrainerUsesOnlyTheOnnxWritersAndTheModelDefinition = noClasses().that().resideInAPackage(TRAINER)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, SIM, FRANKA, EXAMPLES)
            .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "ONNX adapter classes other than its writers and the lacy-tiny definition",
                    c -> c.getPackageName().startsWith("dev.lacy.onnx") && !c.getPackageName().startsWith("dev.lacy.onnx.writer")
                            && !c.getPackageName().equals("dev.lacy.onnx.tiny")));

    /** The lacy-tiny definition is plain data and arithmetic: the graphs, the trainer and the tests read it. */
    @ArchTest
    static final ArchRule theModelDefinitionDependsOnNothing = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAPackage("dev.lacy.onnx.tiny").should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.lacy.onnx.tiny");

    /**
     * The pipelines, the command line and the embedding example speak the ports ({@code Trainer}, {@code ModelLoader},
     * {@code DatasetStore}); only the composition root ({@code wiring}) names the classes that implement them. Settings,
     * formats and error types of the adapters (a {@code Device}, {@code TrainerSettings}, {@code PngCodec}) are not
     * port implementations and stay allowed. Two kinds of command are exempt, by design: the benchmarks, which measure
     * the adapters themselves, and {@code lacy export}, which copies the file store's stored images as they are.
     */
    @ArchTest
    static final ArchRule onlyTheCompositionRootNamesThePortImplementations = noClasses()
            .that().resideInAnyPackage("dev.lacy.examples.pipeline..", "dev.lacy.examples.cli..", "dev.lacy.examples.embedding..")
            .and().haveSimpleNameNotStartingWith("Bench")
            .and(com.tngtech.archunit.base.DescribedPredicate.describe("are not the export command",
                    c -> !c.getName().startsWith("dev.lacy.examples.cli.ExportCommand")))
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.lacy.trainer.DjlTrainer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.lacy.trainer.TinyLlavaNetwork")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.lacy.onnx.runtime.OnnxVisionLanguageModel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.lacy.onnx.runtime.OnnxModelLoader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.lacy.onnx.model.ModelPackage")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.lacy.dataset.FileDatasetStore");

    @ArchTest
    static final ArchRule theRealRobotDependsOnNoOtherAdapter = noClasses().that().resideInAPackage(FRANKA)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, ONNX, TRAINER, SIM, EXAMPLES);

    @ArchTest
    static final ArchRule theClientDependsOnTheCoreOnly = noClasses().that().resideInAPackage(CLIENT)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, ONNX, TRAINER, SIM, FRANKA, SERVER, EXAMPLES);

    /** The server serves whatever {@code VisionLanguageModel} it is given: it names no model, store or robot adapter. */
    @ArchTest
    static final ArchRule theServerDependsOnTheCoreAndTheWireFormatOnly = noClasses().that().resideInAPackage(SERVER)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, ONNX, TRAINER, SIM, FRANKA, EXAMPLES);
}
