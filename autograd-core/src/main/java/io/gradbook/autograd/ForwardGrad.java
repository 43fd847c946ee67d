// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine side of forward-mode AD (the student-facing API is {@code io.gradbook.autograd.forward.ForwardAD}).
 *
 * <p>Note [Tangent propagation]: inside a dual level every tensor may carry a tangent. Every op records through
 * {@link Graph}, which calls {@link #propagate} first, whether or not reverse mode records anything. The output
 * tangent comes from the op's entry in {@link TangentRules} when it has one, and otherwise from the op's own
 * backward rule by the double-backward trick: the rule maps u to J^T u linearly, so with u a fresh tensor that
 * requires grad, d/du of sum_i &lt;J_i^T u, t_i&gt; is sum_i J_i t_i, the output tangent. Tangents are computed
 * with propagation suspended, so the ops inside a rule never see dual inputs.
 *
 * <p>One level at a time per thread, as in PyTorch 1.13; tangents are forgotten when their level closes.
 */
public final class ForwardGrad {
    private static final AtomicInteger OPEN_LEVELS = new AtomicInteger();
    private static final ThreadLocal<Level> LEVEL = new ThreadLocal<>();
    private static final ThreadLocal<boolean[]> SUSPENDED = ThreadLocal.withInitial(() -> new boolean[1]);

    private ForwardGrad() {}

    /** A dual level ({@code fwAD.dual_level()}): closing it drops every tangent made inside. */
    public static final class Level implements AutoCloseable {
        /** Identity-keyed by default (Tensor keeps Object's equals); weak, so tangents die with their tensors. */
        final Map<Tensor, Tensor> tangents = new WeakHashMap<>();
        private boolean closed;

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            tangents.clear();
            if (LEVEL.get() == this) LEVEL.remove();
            OPEN_LEVELS.decrementAndGet();
        }
    }

    /** {@code fwAD.dual_level()} / {@code enter_dual_level()}. */
    public static Level enterLevel() {
        if (LEVEL.get() != null) throw new TorchException.RuntimeError("Nested forward mode AD is not supported at the moment");
        Level level = new Level();
        LEVEL.set(level);
        OPEN_LEVELS.incrementAndGet();
        return level;
    }

    /** {@code fwAD.make_dual(primal, tangent)}: a new tensor (a view of primal) carrying {@code tangent}. */
    public static Tensor makeDual(Tensor primal, Tensor tangent) {
        Level level = LEVEL.get();
        if (level == null) throw new TorchException.RuntimeError("Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() first.");
        if (!Arrays.equals(primal.shapeArray(), tangent.shapeArray())) {
            throw new TorchException.RuntimeError("Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. Tensor is of size "
                    + Shape.str(primal.shapeArray()) + " while the given forward gradient is of size " + Shape.str(tangent.shapeArray()) + ".");
        }
        if (!primal.isFloatingPoint()) throw new TorchException.RuntimeError("Expected both tensors to be floating point; got primal " + primal.dtype() + " and tangent " + tangent.dtype());
        Tensor dual;
        try (var s = suspend()) {
            dual = primal.requiresGrad() ? primal.viewAs(primal) : primal.detach();
        }
        level.tangents.put(dual, tangent.to(primal.dtype()));
        return dual;
    }

    /** The tangent of {@code t} at the current level, or null (PyTorch's None). */
    public static Tensor tangentOf(Tensor t) {
        Level level = LEVEL.get();
        return level == null ? null : level.tangents.get(t);
    }

    /** {@code unpack_dual(t).primal}: t itself when it has no tangent, else a tangent-free alias. */
    public static Tensor primalOf(Tensor t) {
        if (tangentOf(t) == null) return t;
        try (var s = suspend()) {
            return t.requiresGrad() ? t.viewAs(t) : t.detach();
        }
    }

    private static final class Suspension implements AutoCloseable {
        private final boolean previous;

        Suspension() {
            boolean[] flag = SUSPENDED.get();
            previous = flag[0];
            flag[0] = true;
        }

        @Override
        public void close() {
            SUSPENDED.get()[0] = previous;
        }
    }

    private static Suspension suspend() {
        return new Suspension();
    }

    /** The fast test every recorded op makes: is any dual level open anywhere? */
    static boolean active() {
        return OPEN_LEVELS.get() > 0;
    }

    /** Called by {@link Graph} for every op before reverse mode records it: sets the outputs' tangents. */
    static void propagate(String name, Tensor[] outs, Tensor[] inputs, Tensor[] save, boolean saveOutput, FunctionNode.Rule rule) {
        Level level = LEVEL.get();
        if (level == null || SUSPENDED.get()[0]) return;
        Tensor[] tangents = new Tensor[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null) tangents[i] = level.tangents.get(inputs[i]);
            any |= tangents[i] != null;
        }
        if (!any) return;
        Tensor[] result;
        try (var s = suspend(); var g = GradMode.set(true)) {
            TangentRules.Context c = new TangentRules.Context(outs, inputs, tangents, save, saveOutput, rule);
            TangentRules.Rule explicit = TangentRules.get(name);
            result = explicit != null ? explicit.apply(c) : doubleBackwardTrick(c);
        }
        for (int k = 0; k < outs.length; k++) {
            Tensor out = outs[k];
            if (out == null || !out.isFloatingPoint()) continue;
            Tensor t = k < result.length ? result[k] : null;
            if (t == null) t = PointwiseOps.zerosLike(out);
            else t = t.detach();
            if (!Arrays.equals(t.shapeArray(), out.shapeArray())) t = t.expand(out.shapeArray()).contiguous();
            if (t.dtype() != out.dtype()) t = t.to(out.dtype());
            level.tangents.put(out, t);
        }
    }

    /** The generic tangent rule: J t from the op's backward rule (see Note [Tangent propagation]). */
    static Tensor[] doubleBackwardTrick(TangentRules.Context c) {
        Tensor[] us = new Tensor[c.outs.length];
        List<Tensor> wrt = new ArrayList<>();
        for (int k = 0; k < us.length; k++) {
            Tensor out = c.outs[k];
            if (out == null || !out.isFloatingPoint()) continue;
            // any finite value works: the rule is linear in u
            us[k] = PointwiseOps.zerosLike(out).requiresGrad_();
            wrt.add(us[k]);
        }
        Tensor[] w = c.backward(us);
        Tensor s = null;
        for (int i = 0; i < c.inputs.length; i++) {
            Tensor t = c.tangents[i];
            if (t == null || i >= w.length || w[i] == null) continue;
            Tensor term = w[i].sumToSize(c.inputs[i].shapeArray()).mul(t).sum();
            s = s == null ? term : s.add(term);
        }
        Tensor[] result = new Tensor[us.length];
        if (s == null || !s.requiresGrad()) return result;
        List<Tensor> grads = Autograd.grad(List.of(s), wrt, null, false, false, true);
        for (int k = 0, j = 0; k < us.length; k++) if (us[k] != null) result[k] = grads.get(j++);
        return result;
    }

    /** Before an in-place op that records: the snapshot the op reads carries the tensor's tangent. */
    static void copyTangent(Tensor from, Tensor to) {
        Level level = LEVEL.get();
        if (level == null) return;
        Tensor t = level.tangents.get(from);
        if (t != null) level.tangents.put(to, t);
    }

    /**
     * After an in-place op on {@code self}: its tangent becomes the result's; for a view, the base's tangent gets
     * the new values in the viewed region (other views of that base keep their old tangents).
     */
    static void afterInPlace(Tensor self, Tensor result) {
        Level level = LEVEL.get();
        if (level == null) return;
        Tensor t = level.tangents.get(result);
        if (t == null) return;
        level.tangents.put(self, t);
        Tensor base = self.viewBase;
        if (base == null) return;
        try (var s = suspend(); var g = GradMode.set(false)) {
            Tensor old = level.tangents.get(base);
            Tensor updated = old == null ? PointwiseOps.zerosLike(base) : old.clone();
            self.viewReplay.apply(updated).copy_(t);
            level.tangents.put(base, updated);
        }
    }
}
