package dev.lacy.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules that keep the core a pure, acyclic domain. Rules only grow. */
@AnalyzeClasses(packages = "dev.lacy.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreDependencyRulesTest {

    @ArchTest
    static final ArchRule coreDependsOnlyOnTheJdkAndItself = classes()
            .that().resideInAPackage("dev.lacy.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.lacy.core..");

    @ArchTest
    static final ArchRule portsAreInterfacesOrTheValuesTheyExchange = classes()
            .that().resideInAPackage("dev.lacy.core.port")
            .and().haveSimpleNameNotEndingWith("Test")
            .and().areNotInterfaces()
            .should().beRecords().orShould().beEnums()
            .because("a port package holds the ports and the immutable values they exchange, no logic");

    @ArchTest
    static final ArchRule theNamedPortsAreInterfaces = classes()
            .that().resideInAPackage("dev.lacy.core.port")
            .and().haveSimpleNameEndingWith("Model").or().haveSimpleName("RobotArm").or().haveSimpleName("Camera")
            .or().haveSimpleName("Trainer").or().haveSimpleName("DatasetStore").or().haveSimpleName("SceneStager")
            .or().haveSimpleName("ModelLoader")
            .should().beInterfaces();

    @ArchTest
    static final ArchRule corePackagesAreFreeOfCycles = slices()
            .matching("dev.lacy.core.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingButTheCycleDependsOnTheCycle = classes()
            .that().resideOutsideOfPackage("dev.lacy.core.cycle..")
            .and().resideInAPackage("dev.lacy.core..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackage("dev.lacy.core.cycle..");
}
