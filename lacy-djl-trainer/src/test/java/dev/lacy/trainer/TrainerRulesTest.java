package dev.lacy.trainer;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Rules of the trainer's own code. */
@AnalyzeClasses(packages = "dev.lacy.trainer", importOptions = ImportOption.DoNotIncludeTests.class)
class TrainerRulesTest {

    /**
     * DJL's number overloads ({@code x.mul(0.5f)}) make a tensor over a Java buffer and close it at once, while
     * autograd may keep it for the backward pass, which then reads freed memory: {@link TorchScalars} instead.
     */
    @ArchTest
    static final ArchRule arraysAreNeverCombinedWithANumberDirectly = noClasses().that().resideInAPackage("dev.lacy.trainer..")
            .should().callMethodWhere(target(owner(assignableTo(NDArray.class))).and(target(rawParameterTypes(Number.class))))
            .because("DJL frees the number's tensor while autograd may still read it; use TorchScalars");
}
