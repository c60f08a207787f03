package dev.lacy.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module map of docs/architecture.md, seen from the one module that sees them all: adapters
 * depend on the core only (the trainer may also use the ONNX adapter's writers), never on each
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

    @ArchTest
    static final ArchRule theCoreDependsOnNoModule = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, ONNX, TRAINER, SIM, FRANKA, EXAMPLES);

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
    static final ArchRule theTrainerUsesOnlyTheOnnxWriters = noClasses().that().resideInAPackage(TRAINER)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, SIM, FRANKA, EXAMPLES)
            .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "ONNX adapter classes other than its writers",
                    c -> c.getPackageName().startsWith("dev.lacy.onnx") && !c.getPackageName().startsWith("dev.lacy.onnx.writer")));

    @ArchTest
    static final ArchRule theRealRobotDependsOnNoOtherAdapter = noClasses().that().resideInAPackage(FRANKA)
            .should().dependOnClassesThat().resideInAnyPackage(DATASET, ONNX, TRAINER, SIM, EXAMPLES);
}
