package dev.lacy.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The Spark module's place in the module map (docs/architecture.md), checked where every module is on the class path:
 * it runs the core with the dataset format, the ONNX runtime and the simulator's recipes, and is its own composition
 * root; nothing else touches Spark or Hadoop.
 */
@AnalyzeClasses(packages = "dev.lacy", importOptions = ImportOption.DoNotIncludeTests.class)
class SparkModuleRulesTest {

    @ArchTest
    static final ArchRule theJobsUseTheCoreTheDatasetFormatTheRuntimeAndTheSimulatorOnly = noClasses().that()
            .resideInAPackage("dev.lacy.spark..").should().dependOnClassesThat().resideInAnyPackage("dev.lacy.examples..",
                    "dev.lacy.trainer..", "dev.lacy.franka..", "dev.lacy.client..", "dev.lacy.server..");

    @ArchTest
    static final ArchRule onlyTheSparkModuleTouchesSparkOrHadoop = noClasses().that().resideOutsideOfPackage("dev.lacy.spark..")
            .and().resideInAPackage("dev.lacy..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..");
}
