// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.forward;

import io.gradbook.autograd.ForwardGrad;
import io.gradbook.autograd.Tensor;

/**
 * {@code torch.autograd.forward_ad}: forward-mode AD. Inside a dual level, a dual tensor carries a tangent, and
 * every op computes its output's tangent (J t) as it computes its value: one forward pass gives a
 * Jacobian-vector product, where reverse mode would need one backward pass per output element.
 *
 * <pre>
 * jshell> try (var level = ForwardAD.dualLevel()) {
 *    ...>     var x = ForwardAD.makeDual(tensor(1., 2.), tensor(1., 0.));
 *    ...>     System.out.println(ForwardAD.unpackDual(x.sin()).tangent());
 *    ...> }
 * tensor([0.5403, -0.0000])
 * </pre>
 */
public final class ForwardAD {
    private ForwardAD() {}

    /** {@code with fwAD.dual_level():} as {@code try (var level = ForwardAD.dualLevel()) { ... }}. */
    public static ForwardGrad.Level dualLevel() {
        return ForwardGrad.enterLevel();
    }

    /** {@code fwAD.make_dual(primal, tangent)}: needs an open dual level; tangent has primal's shape. */
    public static Tensor makeDual(Tensor primal, Tensor tangent) {
        return ForwardGrad.makeDual(primal, tangent);
    }

    /** {@code fwAD.unpack_dual(t)}: the primal and the tangent (null, PyTorch's None, when t has none). */
    public static UnpackedDualTensor unpackDual(Tensor t) {
        return new UnpackedDualTensor(ForwardGrad.primalOf(t), ForwardGrad.tangentOf(t));
    }
}
