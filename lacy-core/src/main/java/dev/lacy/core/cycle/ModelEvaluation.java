package dev.lacy.core.cycle;

/** Evaluates one trained model, seen through the LACY facade. */
@FunctionalInterface
public interface ModelEvaluation {

    EvaluationReport evaluate(Lacy lacy);
}
