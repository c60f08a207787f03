package dev.lacy.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars as tensors that own their memory, for arithmetic on arrays that take part in a backward pass.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code add}, {@code pow}, ... with a number) wraps the number in
 * a tensor over a Java direct buffer and closes it as soon as the operation returns. PyTorch's autograd keeps that
 * tensor for the backward pass ({@code mul} and {@code div} need it for the gradient), but the buffer is freed when the
 * garbage collector next runs: the backward pass then reads freed memory, and a gradient is scaled by whatever lies
 * there (a training run under constant garbage collection turned NaN within a few steps, every time). A scalar made
 * here is allocated by PyTorch, so the saved tensor keeps it alive. The trainer never calls the number overloads; an
 * architecture rule keeps it so.
 */
final class TorchScalars {

    private TorchScalars() {
    }

    /** {@code value} as a 0-dimensional array of {@code like}'s type, on its device, in PyTorch's memory. */
    static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }
}
