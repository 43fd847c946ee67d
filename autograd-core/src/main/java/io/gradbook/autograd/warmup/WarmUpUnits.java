// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.warmup;

import static io.gradbook.autograd.Torch.arange;
import static io.gradbook.autograd.Torch.crossEntropy;
import static io.gradbook.autograd.Torch.linear;
import static io.gradbook.autograd.Torch.zeros;

import io.gradbook.autograd.DType;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import java.util.List;

/**
 * The work {@link JitWarmUp} does: each unit makes its own small tensors and returns one round, a few calls of the
 * public ops that reach the hot loops. Sizes are chosen for the JIT, not for the numbers: a "run" of 264 float32
 * elements takes the Vector API path ({@code Float32Arith.MIN_VECTOR_RUN} is 256) for 33 vector steps and leaves a
 * scalar tail, so one call counts as 34 towards C2's compile threshold (600 calls and 15,000 calls plus loop steps);
 * a 3x5 tensor keeps the scalar branches in the profile, so that C2 does not compile them out and a student's tiny
 * tensor then finds compiled code instead of a deoptimization. Everything but the classifier's step stays below
 * {@code RowSplit}'s and the tensor iterator's parallel sizes and below {@code Gemm.THRESHOLD}; the classifier's step
 * (last, once the small loops are compiled) takes OpenBLAS's kernels and the engine's own helper thread
 * ({@code HotWorkers}), never the common pool. No randomness: values come from {@code arange}, so the global
 * generator's stream is untouched.
 */
final class WarmUpUnits {
    private WarmUpUnits() {}

    /** A unit: its name (for logs) and a maker of its round, called once when the unit starts. */
    record Unit(String name, int rounds, java.util.function.Supplier<Runnable> round, boolean untilQuiet) {
        /** A unit of a fixed number of rounds. */
        Unit(String name, int rounds, java.util.function.Supplier<Runnable> round) {
            this(name, rounds, round, false);
        }
    }

    /**
     * Rounds per unit. C2 compiles a method with loops after ~600 calls in C1's profiled tier (Tier4MinInvocationThreshold)
     * and ~15,000 calls plus loop steps, thresholds the JVM raises while its compile queue is long. The kernel lets the
     * Vector API kernels ({@code math.Float32Simd}, {@code Float32SoftmaxSimd}, {@code VecReduce}) reach C2 after a
     * tenth of that ({@code CompileThresholdScaling} in install.sh): measured with -XX:+PrintCompilation on JDK 25, 200
     * rounds then brought every unary, arithmetic, softmax and reduction kernel to tier 4, while 800 rounds without the
     * scaling left sin, cos, exp, log, tanh, sigmoid, relu, sub and div in tier 3 (the queue was long). 300 leaves a
     * margin for a busy machine; a host without the scaling gets the loops to C1 and part of them to C2.
     */
    static final int ROUNDS = 300;

    /** Elements of one vector run: whole vectors past MIN_VECTOR_RUN and a tail of 0 < n < 8. */
    static final int RUN = 264;

    /** Values in (-2, 2), spread, from a formula (no generator): {@code sin(0.7 i) * 2}. */
    static Tensor values(DType dtype, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return arange(0L, n).to(dtype).mul(0.7).sin().mul(2).reshape(shape);
    }

    static List<Unit> all() {
        return List.of(
                // one classifier step first: the classes only training-sized tensors reach (the recycling of large
                // gradients, the products' split) are initialized before C2 compiles Engine.run for the small units;
                // compiled without them, Engine.run's code trapped at the classifier's first backward and ran in C1
                // until recompiled, after the warm-up
                new Unit("classifier step, first", 2, WarmUpUnits::classifierStep),
                // float64 before float32: the loops and glue both share (allocation, conversion, in-place targets,
                // nll_loss's plan) are then profiled with both dtypes before C2 compiles them. After the classifier
                // (as until the fourteenth session) its float64 rounds trapped ~10 compiled methods, which went back to
                // C1's tier 2 and were recompiled in a student's first cells (bench/RESULTS.md, fifteenth session)
                new Unit("float64 unary and arithmetic", ROUNDS / 2, () -> float64()),
                new Unit("float64 softmax and reductions", ROUNDS / 2, () -> softmax(DType.FLOAT64)),
                new Unit("float32 unary", ROUNDS, () -> unary(DType.FLOAT32)),
                new Unit("float32 arithmetic", ROUNDS, () -> arithmetic(DType.FLOAT32)),
                new Unit("float32 in-place", ROUNDS, () -> inPlace(DType.FLOAT32)),
                new Unit("float32 fwd+bwd", ROUNDS, () -> backward(DType.FLOAT32)),
                new Unit("float32 softmax and losses", ROUNDS, () -> softmax(DType.FLOAT32)),
                new Unit("float32 reductions", ROUNDS, () -> reductions(DType.FLOAT32)),
                new Unit("linear layer step", ROUNDS, () -> linearStep(DType.FLOAT32)),
                new Unit("float32 long sums", ROUNDS, WarmUpUnits::longSums),
                // until the JIT is quiet: nothing after it traps what a training cell's code was compiled for
                new Unit("classifier step", CLASSIFIER_ROUNDS, WarmUpUnits::classifierStep, true),
                // after it, in a quiet JIT, because the unit ends by timing the wide kernel against the native one:
                // placed before the classifier it timed them while C2 still compiled (wide 1.58 ms, haswell 1.69) and
                // chose the native path; last, 1.03 against 1.55 (twentieth session). Its timing is the last word
                // (the first product's own warm-up thread timed a young kernel)
                new Unit("wide float32 products", io.gradbook.autograd.math.WideSgemm.ROUNDS, WarmUpUnits::wideProducts));
    }

    /**
     * The split of a sum of 2^21 elements and more ({@code math.SumSplit}): its per-block calls of the cascade's loop,
     * on this thread alone and a private ~1 MB array, as {@code math.SumSplitWarmUp} says; no tensor, no pool. After
     * the last round long sums split from their first call (before, from the 64th).
     */
    private static Runnable longSums() {
        Runnable round = io.gradbook.autograd.math.SumSplitWarmUp.round();
        int[] runs = {0};
        return () -> {
            round.run();
            if (++runs[0] == ROUNDS) io.gradbook.autograd.math.SumSplitWarmUp.done();
        };
    }

    /**
     * The 512-bit product kernel's paths ({@code math.WideSgemm}, where the processor has 512-bit vectors; nothing
     * elsewhere): small split products on this thread alone, then its timing against OpenBLAS's kernel, which decides
     * whether products take it from then on. The first product that would take the kernel has run the same rounds
     * and timing on a thread of its own if it came first (in a young kernel, maybe while C2 still compiled); this
     * unit times again in a quiet JIT.
     */
    private static Runnable wideProducts() {
        int[] runs = {0};
        return () -> {
            io.gradbook.autograd.math.WideSgemm.warmUpRound(runs[0]);
            if (++runs[0] == io.gradbook.autograd.math.WideSgemm.ROUNDS) io.gradbook.autograd.math.WideSgemm.warmedUp();
        };
    }

    /** exp, log, sin, cos, tanh, sigmoid, relu, sqrt, abs, neg, pow: on a vector run and a tiny tensor. */
    private static Runnable unary(DType dtype) {
        Tensor big = values(dtype, RUN), small = values(dtype, 3, 5);
        Tensor bigPos = big.abs().add(0.5), smallPos = small.abs().add(0.5);
        return () -> {
            for (int k = 0; k < 2; k++) {
                Tensor x = k == 0 ? big : small, p = k == 0 ? bigPos : smallPos;
                x.exp();
                p.log();
                x.sin();
                x.cos();
                x.tanh();
                x.sigmoid();
                x.relu();
                p.sqrt();
                x.abs();
                x.neg();
                x.pow(2);
            }
        };
    }

    /** add/sub/mul/div with a scalar, a same-shape tensor, a row and a column broadcast; add with alpha. */
    private static Runnable arithmetic(DType dtype) {
        Tensor a = values(dtype, 2, RUN), b = a.mul(0.5).add(3), row = values(dtype, RUN).add(3), col = values(dtype, 2, 1).add(3);
        Tensor s = values(dtype, 3, 5), t = s.add(3);
        return () -> {
            for (Tensor[] xy : new Tensor[][] {{a, b}, {a, row}, {a, col}, {s, t}}) {
                Tensor x = xy[0], y = xy[1];
                x.add(y);
                x.sub(y);
                x.mul(y);
                x.div(y);
                x.add(y, 0.1);
            }
            for (Tensor x : new Tensor[] {a, s}) {
                x.add(2.0);
                x.sub(2.0);
                x.mul(0.3);
                x.div(3.0);
                x.mul(2L);
            }
        };
    }

    /** In-place arithmetic and fills on private tensors, as optimizers and {@code zero_()} use them. */
    private static Runnable inPlace(DType dtype) {
        Tensor w = values(dtype, 2, RUN), g = values(dtype, 2, RUN), row = values(dtype, RUN);
        Tensor s = values(dtype, 3, 5), sg = values(dtype, 3, 5);
        return () -> {
            for (Tensor[] xy : new Tensor[][] {{w, g}, {s, sg}}) {
                Tensor x = xy[0], y = xy[1];
                x.sub_(y.mul(0.01));
                x.add_(y, 0.01);
                x.mul_(0.5);
                x.div_(0.5);
                x.add_(y.mul(0.0));
                x.relu_();
                x.copy_(y);
                y.zero_();
                y.add_(x);
            }
            w.add_(row);
        };
    }

    /** The student's element-wise fwd+bwd: sin, mul, exp, sum, relu (threshold_backward), AccumulateGrad. */
    private static Runnable backward(DType dtype) {
        Tensor x = values(dtype, 2, RUN).requiresGrad_(), s = values(dtype, 3, 5).requiresGrad_();
        return () -> {
            for (Tensor leaf : new Tensor[] {x, s}) {
                leaf.sin().mul(leaf).exp().sum().backward();
                leaf.relu().mul(leaf).tanh().sigmoid().mean().backward();
                leaf.grad().zero_();
            }
        };
    }

    /** softmax and log_softmax forward and backward on the last and a non-last dim, cross_entropy, nll_loss. */
    private static Runnable softmax(DType dtype) {
        Tensor logits = values(dtype, 4, RUN).requiresGrad_(), small = values(dtype, 3, 5).requiresGrad_();
        Tensor labels = arange(0L, 4), smallLabels = arange(0L, 3);
        return () -> {
            logits.softmax(1);
            logits.softmax(0).sum().backward();
            logits.logSoftmax(0).sum().backward();
            crossEntropy(logits, labels).backward();
            io.gradbook.autograd.Torch.nllLoss(logits.logSoftmax(1), labels).backward();
            crossEntropy(small, smallLabels).backward();
            small.softmax(1).sum().backward();
            logits.grad().zero_();
            small.grad().zero_();
        };
    }

    /** sum, mean, max (whole, per dim, both dims) on a vector run and a tiny tensor. */
    private static Runnable reductions(DType dtype) {
        // the wide one takes the multi-row sums' cascade that a 1000x1000 sum takes (else C2's code traps there)
        Tensor big = values(dtype, 4, RUN), wide = values(dtype, 64, RUN), small = values(dtype, 3, 5);
        return () -> {
            wide.sum();
            wide.sum(0);
            for (Tensor x : new Tensor[] {big, small}) {
                x.sum();
                x.mean();
                x.max();
                x.sum(1);
                x.sum(0);
                x.mean(1);
                x.max(1);
                x.amax(0);
            }
        };
    }

    /** A tiny linear layer's SGD step: matmul, bias add, relu, cross_entropy, backward, the update in place. */
    private static Runnable linearStep(DType dtype) {
        Tensor xs = values(dtype, 4, 8), labels = arange(0L, 4);
        Tensor w = values(dtype, 8, 8).mul(0.1).requiresGrad_(), b = zeros(8).to(dtype).requiresGrad_();
        Tensor[] params = {w, b};
        return () -> {
            crossEntropy(xs.matmul(w).add(b).relu(), labels).backward();
            for (Tensor p : params) {
                p.data().sub_(p.grad().mul(0.01));
                p.grad().zero_();
            }
        };
    }

    /**
     * Most rounds of {@link #classifierStep}, which runs until the JIT is quiet ({@link CompilerQuiet}) and at least
     * {@link #CLASSIFIER_MIN_ROUNDS}: ~1 ms each once compiled. Measured on the 2-core machine (JDK 25, the split from
     * 2^24): 120 rounds left ~0.9 s of C2 work to a student's first MLP cells after the kernel sat idle, 600 ~0.3 s,
     * 1,500 ~0.05 (bench/RESULTS.md, fourteenth session).
     */
    static final int CLASSIFIER_ROUNDS = Integer.getInteger("gradbook.warmup.classifierRounds", 3000);
    static final int CLASSIFIER_MIN_ROUNDS = 200;

    /**
     * A classifier's SGD step at MNIST's sizes, the LeNet-300-100 network (784-300-100-10, batch 100), as a course's
     * training cells write it: even rounds with plain ops ({@code x.matmul(w).add(b)}, {@code p.data().sub_(...)}),
     * odd rounds as nn.Linear and optim.SGD do it ({@code linear}: addmm with the transposed weight, {@code
     * p.add_(g, -lr)} under no_grad). The other units stay small; this one takes what only training-sized tensors
     * take, so that a student's first training cells after the warm-up do not recompile it: OpenBLAS's kernels
     * (the first product loads and binds them, off the kernel's thread), the product loops that a student's
     * products of 2^22-2^25 multiply-adds take (the 784x300 layer's product and its weight's gradient; over both
     * cores, from {@code TorchBlas.SHARED_POOL_FROM}, 2^24), the element-wise split of the 235,200-element
     * updates, the engine's recycling of large
     * gradients ({@code OwnedGrads}, from 2^16 elements), log_softmax and nll_loss over rows of 10. Without it the
     * first MLP cells after a kernel sat idle recompiled {@code Engine.run} (an uncommon trap in the recycling it
     * had never seen) and the product loops: ~1 s of C2 on the second core while those cells ran (bench/RESULTS.md,
     * fourteenth session). Its shapes are not the benchmark's (784-256-10, batch 128).
     */
    private static Runnable classifierStep() {
        Tensor xs = values(DType.FLOAT32, 100, 784), labels = arange(0L, 100).remainder(10L);
        Tensor w1 = values(DType.FLOAT32, 784, 300).mul(0.03).requiresGrad_(), b1 = zeros(300).requiresGrad_();
        Tensor w2 = values(DType.FLOAT32, 300, 100).mul(0.05).requiresGrad_(), b2 = zeros(100).requiresGrad_();
        Tensor w3 = values(DType.FLOAT32, 100, 10).mul(0.1).requiresGrad_(), b3 = zeros(10).requiresGrad_();
        // nn.Linear's layout: weight [out, in]
        Tensor l1 = values(DType.FLOAT32, 300, 784).mul(0.03).requiresGrad_(), l2 = values(DType.FLOAT32, 100, 300).mul(0.05).requiresGrad_();
        Tensor l3 = values(DType.FLOAT32, 10, 100).mul(0.1).requiresGrad_();
        Tensor[] plain = {w1, b1, w2, b2, w3, b3}, layers = {l1, b1, l2, b2, l3, b3};
        int[] round = {0};
        return () -> {
            if ((round[0]++ & 1) == 0) {
                Tensor h = xs.matmul(w1).add(b1).relu().matmul(w2).add(b2).relu();
                crossEntropy(h.matmul(w3).add(b3), labels).backward();
                for (Tensor p : plain) {
                    p.data().sub_(p.grad().mul(0.01));
                    p.grad().zero_();
                }
            } else {
                Tensor h = linear(linear(xs, l1, b1).relu(), l2, b2).relu();
                crossEntropy(linear(h, l3, b3), labels).backward();
                try (var off = Torch.noGrad()) {
                    for (Tensor p : layers) {
                        p.add_(p.grad(), -0.01);
                        p.grad().zero_();
                    }
                }
            }
        };
    }

    /** float64: the same unary and arithmetic loops (its transcendental functions are Java's). */
    private static Runnable float64() {
        Runnable u = unary(DType.FLOAT64), a = arithmetic(DType.FLOAT64), r = reductions(DType.FLOAT64);
        return () -> {
            u.run();
            a.run();
            r.run();
        };
    }
}
