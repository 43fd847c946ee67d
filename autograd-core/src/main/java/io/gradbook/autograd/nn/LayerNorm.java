// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;

/** {@code nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True)}: normalises over the last dims. */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    public final double eps;
    public final boolean elementwiseAffine;
    /** Ones and zeros at first; null without elementwise_affine. */
    public final Tensor weight, bias;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.weight = registerParameter("weight", elementwiseAffine ? parameter(ones(normalizedShape)) : null);
        this.bias = registerParameter("bias", elementwiseAffine ? parameter(zeros(normalizedShape)) : null);
    }

    public LayerNorm(int[] normalizedShape, double eps) {
        this(normalizedShape, eps, true);
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    public String extraRepr() {
        return Modules.tuple(normalizedShape) + ", eps=" + Modules.num(eps) + ", elementwise_affine=" + Modules.bool(elementwiseAffine);
    }
}
