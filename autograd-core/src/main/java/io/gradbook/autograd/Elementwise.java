// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The element-wise kernels without autograd: binary ops with broadcasting, comparisons, unary ops, where,
 * and copies with dtype conversion. Each picks its loop once per op by dtype and op family and runs it over
 * a {@link TensorIterator}; float32, float64 and int64 have tight loops of their own, int32, bool and float16
 * go element by element through {@link Storage}'s conversions (computed in double, rounded per result).
 */
final class Elementwise {
    private Elementwise() {}

    // ---- binary -----------------------------------------------------------------------------------------------

    /** {@code a op b} computed in {@code dt} (operands converted to it first), broadcast; alpha for ADD_ALPHA. */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, DType dt, double alpha) {
        return binary(op, a, b, dt, alpha, false);
    }

    /**
     * {@link #binary} into a row-major result whatever the inputs' layout, iterated in its order: PyTorch's ops that
     * resize an empty result (pow(Scalar, Tensor)'s pow_out) or make it contiguous first.
     */
    static Tensor binaryRowMajor(BinaryOp op, Tensor a, Tensor b, DType dt, double alpha) {
        return binary(op, a, b, dt, alpha, true);
    }

    private static Tensor binary(BinaryOp op, Tensor a, Tensor b, DType dt, double alpha, boolean rowMajorResult) {
        int[] sa0 = a.shapeArray(), sb0 = b.shapeArray();
        int[] shape = java.util.Arrays.equals(sa0, sb0) ? sa0.clone() : Shape.broadcast(sa0, sb0);
        Tensor x = convert(a, dt), y = convert(b, dt);
        int sx = denseStride(x, shape), sy = denseStride(y, shape);
        // laid out as PyTorch lays it out (OutputLayout; two contiguous inputs of the result's shape: row-major,
        // without asking); every element written below
        DType rt = op.isComparison() ? DType.BOOL : dt;
        boolean rowMajor = rowMajorResult || (sx == 1 && sy == 1);
        Tensor out = rowMajor ? Tensor.emptyForWrite(shape, rt) : OutputLayout.elementwise(shape, rt, x, y);
        int n = out.numel();
        if (sx >= 0 && sy >= 0 && n < TensorIterator.PARALLEL_MIN && (rowMajor || out.isContiguous())) {
            // small and dense (or a single element): one run, no iteration to plan
            binaryRun(op, out.storage, 0, 1, x.storage, x.offset, sx, y.storage, y.offset, sy, n, alpha);
            return out;
        }
        TensorIterator it = TensorIterator.of(shape, out, x, y);
        int os = it.innerStride(0), as = it.innerStride(1), bs = it.innerStride(2);
        Storage so = out.storage, sa = x.storage, sb = y.storage;
        if (isTyped(sa) && !memoryBound(op, n)) it.forEach((p, len) -> binaryRun(op, so, p[0], os, sa, p[1], as, sb, p[2], bs, len, alpha));
        else it.forEachSequential((p, len) -> binaryRun(op, so, p[0], os, sa, p[1], as, sb, p[2], bs, len, alpha));
        return out;
    }

    /**
     * {@code out = out op b} written straight into out's memory (PyTorch's in-place arithmetic): out contiguous,
     * b of out's dtype, broadcast to out's shape and not overlapping it except element for element (the caller,
     * {@link DirectInPlace}, checks); the same loops, so the same bits, as {@link #binary}.
     */
    static void binaryInPlace(BinaryOp op, Tensor out, Tensor b, double alpha) {
        int[] shape = out.shapeArray();
        int n = out.numel(), sb = denseStride(b, shape);
        Storage so = out.storage, sy = b.storage;
        if (sb >= 0 && n < TensorIterator.PARALLEL_MIN) {
            binaryRun(op, so, out.offset, 1, so, out.offset, 1, sy, b.offset, sb, n, alpha);
            return;
        }
        TensorIterator it = TensorIterator.of(shape, out, out, b);
        int os = it.innerStride(0), bs = it.innerStride(2);
        if (memoryBound(op, n)) it.forEachSequential((p, len) -> binaryRun(op, so, p[0], os, so, p[1], os, sy, p[2], bs, len, alpha));
        else it.forEach((p, len) -> binaryRun(op, so, p[0], os, so, p[1], os, sy, p[2], bs, len, alpha));
    }

    /**
     * Plain arithmetic below 2^20 elements stays on the calling thread: 8 lanes of it keep up with memory, so on the
     * 2-core machine the fork-join split of 784x256 measured no faster than one thread (18-20 us either way), and
     * 1000x1000 (just below) neither: split against one thread alternating in one JVM (bench/SplitOps.java, ninth
     * session, load ~20), a 4 MB product's fastest round took 0.46-0.48 against 0.40-0.43 ms and in-place add_
     * 0.18-0.19 against 0.14, with 30-60% more CPU, in the same runs in which the split sin's fastest round beat one
     * thread (0.84 against 1.15 ms). On a loaded machine a split op also waits for a pool thread preempted inside its
     * chunk (milliseconds). -Dgradbook.serialArithMax=N moves the line (262144 splits 1000x1000).
     */
    static final int SERIAL_ARITH_MAX = Integer.getInteger("gradbook.serialArithMax", 1 << 20);

    private static boolean memoryBound(BinaryOp op, int n) {
        boolean arithmetic = op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV || op == BinaryOp.ADD_ALPHA;
        return arithmetic && n < SERIAL_ARITH_MAX;
    }

    /** {@code a op s} for a Python scalar: the scalar is converted to {@code dt} first (float32: rounded to float). */
    static Tensor binary(BinaryOp op, Tensor a, Scalar s, DType dt, boolean scalarFirst) {
        Tensor x = convert(a, dt);
        int[] shape = x.shapeArray();
        int n = x.numel(), sx = denseStride(x, shape);
        if (sx >= 0 && n < TensorIterator.PARALLEL_MIN && OutputLayout.sorted(shape, x) == null) {
            // x row-major or one element, and PyTorch's result row-major too (not so for odd strides of size-1 dims)
            Tensor out = Tensor.empty(shape.clone(), op.isComparison() ? DType.BOOL : dt);
            Storage scalar = Storage.allocate(dt, 1);
            if (s.floating) scalar.setDouble(0, s.value);
            else scalar.setLong(0, s.longValue);
            if (scalarFirst) binaryRun(op, out.storage, 0, 1, scalar, 0, 0, x.storage, x.offset, sx, n, 1);
            else binaryRun(op, out.storage, 0, 1, x.storage, x.offset, sx, scalar, 0, 0, n, 1);
            return out;
        }
        Tensor w = s.wrapped(dt);
        return scalarFirst ? binary(op, w, x, dt, 1) : binary(op, x, w, dt, 1);
    }

    /**
     * 1 if {@code t} is row-major contiguous at {@code shape}, 0 if every element is the same one (a single
     * element, or one expanded with stride 0 everywhere, as a sum's gradient is), else -1.
     */
    private static int denseStride(Tensor t, int[] shape) {
        if (t.dim() > shape.length) return -1;
        int[] ts = t.shapeArray();
        boolean sameShape = ts.length == shape.length, allZero = true;
        for (int d = 0; d < ts.length; d++) {
            if (ts[d] != 1 && t.strides[d] != 0) allZero = false;
            if (sameShape && ts[d] != shape[d]) sameShape = false;
        }
        if (allZero && (sameShape || t.numel() == 1)) return 0;
        return sameShape && t.isContiguous() ? 1 : -1;
    }

    /** Whether a storage has typed loops that may run on several threads (the others go element by element). */
    private static boolean isTyped(Storage s) {
        return s instanceof Storage.FloatStorage || s instanceof Storage.DoubleStorage || s instanceof Storage.LongStorage;
    }

    /** One run of a binary op: the loop is chosen here, once per run, by dtype and op family. */
    private static void binaryRun(BinaryOp op, Storage so, int oo, int os, Storage sa, int ao, int as, Storage sb, int bo, int bs, int n, double alpha) {
        if (op.isComparison()) {
            boolean[] o = ((Storage.BoolStorage) so).a;
            if (sa instanceof Storage.FloatStorage) {
                FloatLoops.compare(op, o, oo, os, ((Storage.FloatStorage) sa).a, ao, as, ((Storage.FloatStorage) sb).a, bo, bs, n);
            } else if (sa instanceof Storage.DoubleStorage) {
                DoubleLoops.compare(op, o, oo, os, ((Storage.DoubleStorage) sa).a, ao, as, ((Storage.DoubleStorage) sb).a, bo, bs, n);
            } else if (sa instanceof Storage.LongStorage) {
                LongLoops.compare(op, o, oo, os, ((Storage.LongStorage) sa).a, ao, as, ((Storage.LongStorage) sb).a, bo, bs, n);
            } else {
                for (int i = 0; i < n; i++) o[oo + i * os] = op.test(sa.getDouble(ao + i * as), sb.getDouble(bo + i * bs));
            }
        } else if (so instanceof Storage.FloatStorage) {
            FloatLoops.binary(op, ((Storage.FloatStorage) so).a, oo, os, ((Storage.FloatStorage) sa).a, ao, as, ((Storage.FloatStorage) sb).a, bo, bs, n, (float) alpha);
        } else if (so instanceof Storage.DoubleStorage) {
            DoubleLoops.binary(op, ((Storage.DoubleStorage) so).a, oo, os, ((Storage.DoubleStorage) sa).a, ao, as, ((Storage.DoubleStorage) sb).a, bo, bs, n, alpha);
        } else if (so instanceof Storage.LongStorage && op != BinaryOp.DIV) {
            LongLoops.binary(op, ((Storage.LongStorage) so).a, oo, os, ((Storage.LongStorage) sa).a, ao, as, ((Storage.LongStorage) sb).a, bo, bs, n, (long) alpha);
        } else if (!so.dtype.isFloatingPoint() && op != BinaryOp.DIV && op != BinaryOp.POW) {
            // int32 and bool: integer arithmetic in long, wrapped by the storage (bool: non-zero is true)
            for (int i = 0; i < n; i++) so.setLong(oo + i * os, longOp(op, sa.getLong(ao + i * as), sb.getLong(bo + i * bs), (long) alpha));
        } else {
            // float16: computed in float, rounded to half per result, as c10::Half arithmetic does
            for (int i = 0; i < n; i++) {
                float x1 = (float) sa.getDouble(ao + i * as), y1 = (float) sb.getDouble(bo + i * bs);
                so.setDouble(oo + i * os, (float) op.applyAsDouble(x1, y1, (float) alpha));
            }
        }
    }

    private static long longOp(BinaryOp op, long x, long y, long alpha) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case ADD_ALPHA: return x + alpha * y;
            case MAXIMUM: return Math.max(x, y);
            case MINIMUM: return Math.min(x, y);
            default: throw new IllegalStateException(op.name());
        }
    }

    // ---- unary ------------------------------------------------------------------------------------------------

    /** {@code op(a)} in {@code dt} (a converted to it first). */
    static Tensor unary(UnaryOp op, Tensor a, DType dt) {
        if (dt == DType.FLOAT16 && op.halfKernel() != null) throw UnaryOp.noHalfKernel(op.halfKernel());
        Tensor x = convert(a, dt);
        int[] shape = x.shapeArray().clone();
        Tensor out = OutputLayout.elementwise(shape, dt, x); // x's layout; every element written below, on every path
        if (x.isContiguous() && x.numel() < TensorIterator.PARALLEL_MIN && out.storage instanceof Storage.FloatStorage) {
            FloatMath.unary(op, ((Storage.FloatStorage) x.storage).a, x.offset, ((Storage.FloatStorage) out.storage).a, 0, x.numel());
            return out;
        }
        if (!x.isContiguous() && out.storage instanceof Storage.FloatStorage) {
            // PyTorch's runs over a transposed or strided input (memory order; scalar op off stride 1)
            if (Float32Runs.mapInto(x, out, (s, so, d, dof, n) -> FloatMath.unary(op, s, so, d, dof, n))) return out;
        }
        if (!x.isContiguous() && out.storage instanceof Storage.DoubleStorage
                && (op == UnaryOp.SIGMOID || op == UnaryOp.SINH || op == UnaryOp.COSH)) {
            // float64 ops whose vector and scalar code differ: PyTorch's runs, as for float32
            if (Float64Runs.mapInto(x, out, (s, so, ss, d, dof, ds, n) -> DoubleMath.unary(op, s, so, ss, d, dof, ds, n))) return out;
        }
        TensorIterator it = TensorIterator.of(shape, out, x);
        int os = it.innerStride(0), as = it.innerStride(1);
        Storage so = out.storage, sa = x.storage;
        if (so instanceof Storage.FloatStorage) {
            float[] o = ((Storage.FloatStorage) so).a, fa = ((Storage.FloatStorage) sa).a;
            it.forEach((p, n) -> {
                // a fresh output is dense and walked in its memory order, so contiguous along its runs; a strided input is gathered first
                if (as == 1) FloatMath.unary(op, fa, p[1], o, p[0], n);
                else FloatMath.unary(op, gather(fa, p[1], as, n), 0, o, p[0], n);
            });
        } else if (so instanceof Storage.DoubleStorage) {
            double[] o = ((Storage.DoubleStorage) so).a, da = ((Storage.DoubleStorage) sa).a;
            it.forEach((p, n) -> {
                if (as == 0 && n > 1) {
                    // a broadcast scalar (an expanded input's stride-0 inner dim): cpu_kernel_vec takes it through the
                    // vector loop as one Vec, so it is a contiguous run of n copies (fuzz 39472: float64 sigmoid, 1 ulp)
                    double[] run = new double[n];
                    java.util.Arrays.fill(run, da[p[1]]);
                    DoubleMath.unary(op, run, 0, 1, o, p[0], os, n);
                } else {
                    DoubleMath.unary(op, da, p[1], as, o, p[0], os, n);
                }
            });
        } else if (so instanceof Storage.LongStorage && !op.floatResult()) {
            long[] o = ((Storage.LongStorage) so).a, la = ((Storage.LongStorage) sa).a;
            it.forEach((p, n) -> {
                for (int i = 0; i < n; i++) o[p[0] + i * os] = longUnary(op, la[p[1] + i * as]);
            });
        } else if (dt == DType.FLOAT16) {
            // c10::Half arithmetic: the op in float, its float result rounded to half (two roundings, as PyTorch)
            it.forEachSequential((p, n) -> {
                for (int i = 0; i < n; i++) so.setDouble(p[0] + i * os, (float) op.applyAsDouble(sa.getDouble(p[1] + i * as)));
            });
        } else {
            it.forEachSequential((p, n) -> {
                for (int i = 0; i < n; i++) so.setDouble(p[0] + i * os, op.applyAsDouble(sa.getDouble(p[1] + i * as)));
            });
        }
        return out;
    }

    private static long longUnary(UnaryOp op, long x) {
        switch (op) {
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SIGN: return Long.signum(x);
            case RELU: return Math.max(x, 0);
            case SQUARE: return x * x;
            default: throw new IllegalStateException(op.name());
        }
    }

    private static float[] gather(float[] a, int off, int stride, int n) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) g[i] = a[off + i * stride];
        return g;
    }

    /** Whether t's strides equal {@code strides} at every dim longer than 1. */
    private static boolean sameBeyondSizeOne(Tensor t, int[] strides) {
        int[] shape = t.shapeArray(), st = t.stride();
        for (int d = 0; d < shape.length; d++) if (shape[d] > 1 && st[d] != strides[d]) return false;
        return true;
    }

    /** {@code a.pow(e)} for a scalar exponent, float32 through {@link FloatMath#pow}. */
    static Tensor powScalar(Tensor a, Scalar e, DType dt) {
        if (dt == DType.FLOAT64) return powScalar64(a, e.value);
        if (dt != DType.FLOAT32) {
            Tensor r = binary(BinaryOp.POW, a, e, dt, false);
            // pow(Tensor, Scalar) is a unary TensorIterator op in PyTorch (the exponent is no operand): a contiguous
            // input gets a row-major result, where binary's wrapped-scalar layout keeps the odd strides of size-1
            // dims ([2, 1] at (1, 2) gives (1, 1), not (1, 2): fuzz wide 2083)
            int[] rowMajor = Shape.contiguousStrides(r.shapeArray());
            if (!OutputLayout.isContiguous(a) || java.util.Arrays.equals(r.stride(), rowMajor)) return r;
            if (r.offset == 0 && sameBeyondSizeOne(r, rowMajor)) {
                // the strides differ only at size-1 dims, which no step takes: the same memory read row-major, no copy
                return Tensor.wrap(r.storage, r.shapeArray().clone());
            }
            Tensor o = OutputLayout.emptyForWrite(r.shapeArray().clone(), null, r.dtype());
            copyInto(o, r);
            return o;
        }
        Tensor x = convert(a, dt);
        int[] shape = x.shapeArray().clone();
        double ev0 = e.value;
        Tensor out = OutputLayout.elementwise(shape, dt, x);
        if (!x.isContiguous() && Float32Runs.mapInto(x, out, (s, so, d, dof, n) -> FloatMath.pow(s, so, d, dof, n, ev0))) return out;
        TensorIterator it = TensorIterator.of(shape, out, x);
        int as = it.innerStride(1);
        float[] o = ((Storage.FloatStorage) out.storage).a, fa = ((Storage.FloatStorage) x.storage).a;
        double ev = e.value;
        it.forEach((p, n) -> FloatMath.pow(as == 1 ? fa : gather(fa, p[1], as, n), as == 1 ? p[1] : 0, o, p[0], n, ev));
        return out;
    }

    /** float64 {@code a.pow(e)}: pow_tensor_scalar_kernel's exponent dispatch, then SLEEF/scalar pow by layout. */
    private static Tensor powScalar64(Tensor a, double e) {
        Tensor x = convert(a, DType.FLOAT64);
        int[] shape = x.shapeArray().clone();
        Tensor out = OutputLayout.elementwise(shape, DType.FLOAT64, x);
        TensorIterator it = TensorIterator.of(shape, out, x);
        int os = it.innerStride(0), as = it.innerStride(1);
        double[] o = ((Storage.DoubleStorage) out.storage).a, da = ((Storage.DoubleStorage) x.storage).a;
        it.forEach((p, n) -> io.gradbook.autograd.math.Float64Binary.powScalar(da, p[1], as, o, p[0], os, n, e));
        return out;
    }

    /** float64 {@code atan2(a, b)} with broadcasting: SLEEF's vector body, the scalar tail, by layout. */
    static Tensor atan2(Tensor a, Tensor b) {
        int[] sa0 = a.shapeArray(), sb0 = b.shapeArray();
        int[] shape = java.util.Arrays.equals(sa0, sb0) ? sa0.clone() : Shape.broadcast(sa0, sb0);
        if (Promotion.floatOf(Promotion.resultType(a, b)) == DType.FLOAT32) {
            // PyTorch's float32 loop: SLEEF's atan2f over the vector body, glibc's atan2f on the tail (Float32Atan2)
            return binary32(a, b, shape, io.gradbook.autograd.math.Float32Atan2::atan2);
        }
        return binary64(a, b, shape, io.gradbook.autograd.math.Float64Binary::atan2);
    }

    /**
     * float32 {@code hypot(a, b)} broadcast, through PyTorch's loop ({@link io.gradbook.autograd.math.Float32Hypot}:
     * SLEEF on a run's vector body, glibc on its tail).
     */
    static Tensor hypot32(Tensor a, Tensor b) {
        int[] sa0 = a.shapeArray(), sb0 = b.shapeArray();
        int[] shape = java.util.Arrays.equals(sa0, sb0) ? sa0.clone() : Shape.broadcast(sa0, sb0);
        return binary32(a, b, shape, io.gradbook.autograd.math.Float32Hypot::hypot);
    }

    /**
     * float32 {@code fmod(a, b)} / {@code remainder(a, b)} broadcast, through PyTorch's loop
     * ({@link io.gradbook.autograd.math.Float32Fmod}: SLEEF's fmodf on a run's vector body, std::fmod on its tail).
     */
    static Tensor fmod32(Tensor a, Tensor b, boolean remainder) {
        int[] sa0 = a.shapeArray(), sb0 = b.shapeArray();
        int[] shape = java.util.Arrays.equals(sa0, sb0) ? sa0.clone() : Shape.broadcast(sa0, sb0);
        return binary32(a, b, shape, (o, oo, os, x, xo, xs, y, yo, ys, n) -> io.gradbook.autograd.math.Float32Fmod.apply(o, oo, os, x, xo, xs, y, yo, ys, n, remainder));
    }

    /** float64 {@code hypot(a, b)} broadcast, through PyTorch's loop ({@link io.gradbook.autograd.math.Float64Hypot}). */
    static Tensor hypot64(Tensor a, Tensor b) {
        int[] sa0 = a.shapeArray(), sb0 = b.shapeArray();
        int[] shape = java.util.Arrays.equals(sa0, sb0) ? sa0.clone() : Shape.broadcast(sa0, sb0);
        return binary64(a, b, shape, io.gradbook.autograd.math.Float64Hypot::hypot);
    }

    /** A float32 loop over strided runs of out, x, y, as PyTorch's vectorized binary loops take them. */
    @FunctionalInterface
    interface Loop32 {
        void apply(float[] o, int oo, int os, float[] x, int xo, int xs, float[] y, int yo, int ys, int n);
    }

    /** {@code f} over a and b broadcast to {@code shape}, in float32: {@link #binary64}'s float32 twin. */
    private static Tensor binary32(Tensor a, Tensor b, int[] shape, Loop32 f) {
        Tensor x = convert(a, DType.FLOAT32), y = convert(b, DType.FLOAT32);
        Tensor out = OutputLayout.elementwise(shape, DType.FLOAT32, x, y);
        TensorIterator it = TensorIterator.of(shape, out, x, y);
        int os = it.innerStride(0), as = it.innerStride(1), bs = it.innerStride(2);
        float[] o = ((Storage.FloatStorage) out.storage).a;
        float[] xa = ((Storage.FloatStorage) x.storage).a, ya = ((Storage.FloatStorage) y.storage).a;
        TensorIterator.Run loop = (p, n) -> f.apply(o, p[0], os, xa, p[1], as, ya, p[2], bs, n);
        if (it.chunksKeepRuns()) it.forEach(loop);
        else it.forEachSequential(loop); // chunks cut mid-run would move the scalar tails
        return out;
    }

    /** A float64 loop over strided runs of out, x, y, as PyTorch's vectorized binary loops take them. */
    @FunctionalInterface
    interface Loop64 {
        void apply(double[] o, int oo, int os, double[] x, int xo, int xs, double[] y, int yo, int ys, int n);
    }

    /**
     * {@code f} over a and b broadcast to {@code shape}, in float64. The loop has a vector body and a scalar tail per
     * run, as PyTorch's, so the pool's chunks must not cut a run where PyTorch's would not: such inputs run on one thread.
     */
    private static Tensor binary64(Tensor a, Tensor b, int[] shape, Loop64 f) {
        Tensor x = convert(a, DType.FLOAT64), y = convert(b, DType.FLOAT64);
        Tensor out = OutputLayout.elementwise(shape, DType.FLOAT64, x, y);
        TensorIterator it = TensorIterator.of(shape, out, x, y);
        int os = it.innerStride(0), as = it.innerStride(1), bs = it.innerStride(2);
        double[] o = ((Storage.DoubleStorage) out.storage).a;
        double[] xa = ((Storage.DoubleStorage) x.storage).a, ya = ((Storage.DoubleStorage) y.storage).a;
        TensorIterator.Run loop = (p, n) -> f.apply(o, p[0], os, xa, p[1], as, ya, p[2], bs, n);
        if (it.chunksKeepRuns()) it.forEach(loop);
        else it.forEachSequential(loop); // chunks cut mid-run would move the scalar tails
        return out;
    }

    /** {@code clamp(a, min, max)} in a's dtype; a NaN bound is absent, a NaN element stays NaN. */
    static Tensor clamp(Tensor a, double min, double max) {
        DType dt = a.dtype();
        int[] shape = a.shapeArray().clone();
        Tensor out = OutputLayout.elementwise(shape, dt, a);
        TensorIterator it = TensorIterator.of(shape, out, a);
        int os = it.innerStride(0), as = it.innerStride(1);
        boolean hasMin = !Double.isNaN(min), hasMax = !Double.isNaN(max);
        if (dt == DType.FLOAT32) {
            float[] o = ((Storage.FloatStorage) out.storage).a, fa = ((Storage.FloatStorage) a.storage).a;
            float lo = hasMin ? (float) min : Float.NEGATIVE_INFINITY, hi = hasMax ? (float) max : Float.POSITIVE_INFINITY;
            it.forEach((p, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = fa[p[1] + i * as];
                    // std::min(std::max(x, lo), hi) as PyTorch's kernel: a tie keeps x (-0.0 stays -0.0 at a 0.0
                    // bound, where Math.max would give 0.0); NaN passes through both comparisons
                    float t = x < lo ? lo : x;
                    o[p[0] + i * os] = t > hi ? hi : t;
                }
            });
            return out;
        }
        Storage so = out.storage, sa = a.storage;
        it.forEachSequential((p, n) -> {
            for (int i = 0; i < n; i++) {
                double r = sa.getDouble(p[1] + i * as);
                if (hasMin && r < min) r = min;
                if (hasMax && r > max) r = max;
                so.setDouble(p[0] + i * os, r);
            }
        });
        return out;
    }

    // ---- where and copies ---------------------------------------------------------------------------------------

    /** {@code cond ? a : b} element-wise in {@code dt}, broadcast. */
    static Tensor where(Tensor cond, Tensor a, Tensor b, DType dt) {
        int[] shape = Shape.broadcast(Shape.broadcast(cond.shapeArray(), a.shapeArray()), b.shapeArray());
        Tensor c = convert(cond, DType.BOOL), x = convert(a, dt), y = convert(b, dt);
        Tensor out = OutputLayout.elementwise(shape, dt, c, x, y);
        TensorIterator it = TensorIterator.of(shape, out, c, x, y);
        int os = it.innerStride(0), cs = it.innerStride(1), as = it.innerStride(2), bs = it.innerStride(3);
        boolean[] m = ((Storage.BoolStorage) c.storage).a;
        if (dt == DType.FLOAT32) {
            float[] o = ((Storage.FloatStorage) out.storage).a, fa = ((Storage.FloatStorage) x.storage).a, fb = ((Storage.FloatStorage) y.storage).a;
            it.forEach((p, n) -> {
                for (int i = 0; i < n; i++) o[p[0] + i * os] = m[p[1] + i * cs] ? fa[p[2] + i * as] : fb[p[3] + i * bs];
            });
        } else {
            Storage so = out.storage, sa = x.storage, sb = y.storage;
            boolean integral = !dt.isFloatingPoint();
            it.forEachSequential((p, n) -> {
                for (int i = 0; i < n; i++) {
                    Storage from = m[p[1] + i * cs] ? sa : sb;
                    int at = m[p[1] + i * cs] ? p[2] + i * as : p[3] + i * bs;
                    if (integral) so.setLong(p[0] + i * os, from.getLong(at));
                    else so.setDouble(p[0] + i * os, from.getDouble(at));
                }
            });
        }
        return out;
    }

    /** {@code t} in {@code dt}: t itself when it has that dtype, else a converted copy laid out as {@code t.to(dt)} lays it out. */
    static Tensor convert(Tensor t, DType dt) {
        if (t.dtype() == dt) return t;
        Tensor out = OutputLayout.empty(t.shapeArray().clone(), OutputLayout.preserve(t), dt);
        copyInto(out, t);
        return out;
    }

    /**
     * Writes {@code src}, broadcast to {@code dst}'s shape and converted to its dtype (PyTorch's casts: float to
     * int truncates, an integer source converts exactly once), into {@code dst}'s memory, which may be a view.
     */
    static void copyInto(Tensor dst, Tensor src) {
        int[] shape = dst.shapeArray();
        // nothing to copy; an empty slice's offset may lie past its (empty) array (fuzz 38905: copy_ of a [1, 0] slice)
        if (dst.numel() == 0) return;
        if (dst.storage.getClass() == src.storage.getClass() && dst.numel() < TensorIterator.PARALLEL_MIN
                && dst.isContiguous() && denseStride(src, shape) == 1) {
            // the common small case (gradients, in-place results): one array copy
            System.arraycopy(array(src.storage), src.offset, array(dst.storage), dst.offset, dst.numel());
            return;
        }
        TensorIterator it = TensorIterator.of(shape, dst, src);
        int os = it.innerStride(0), as = it.innerStride(1);
        Storage so = dst.storage, sa = src.storage;
        if (so.getClass() == sa.getClass()) {
            Object o = array(so), a = array(sa);
            it.forEach((p, n) -> {
                if (os == 1 && as == 1) System.arraycopy(a, p[1], o, p[0], n);
                else copyStrided(so, p[0], os, sa, p[1], as, n);
            });
        } else if (convertible(so, sa)) {
            it.forEach((p, n) -> convertRun(so, p[0], os, sa, p[1], as, n));
        } else if (!sa.dtype.isFloatingPoint()) {
            it.forEachSequential((p, n) -> {
                for (int i = 0; i < n; i++) so.setLong(p[0] + i * os, sa.getLong(p[1] + i * as));
            });
        } else {
            it.forEachSequential((p, n) -> {
                for (int i = 0; i < n; i++) so.setDouble(p[0] + i * os, sa.getDouble(p[1] + i * as));
            });
        }
    }

    /** The conversions the engine itself makes on hot paths (masks to floats, dtype promotion) have typed loops. */
    private static boolean convertible(Storage so, Storage sa) {
        boolean toFloating = so instanceof Storage.FloatStorage || so instanceof Storage.DoubleStorage;
        boolean fromCommon = sa instanceof Storage.FloatStorage || sa instanceof Storage.DoubleStorage
                || sa instanceof Storage.LongStorage || sa instanceof Storage.BoolStorage;
        return toFloating && fromCommon;
    }

    /** A converting copy into float32 or float64 (one rounding, as PyTorch's static_cast). */
    private static void convertRun(Storage so, int oo, int os, Storage sa, int ao, int as, int n) {
        if (so instanceof Storage.FloatStorage) {
            float[] o = ((Storage.FloatStorage) so).a;
            if (sa instanceof Storage.DoubleStorage) {
                double[] a = ((Storage.DoubleStorage) sa).a;
                for (int i = 0; i < n; i++) o[oo + i * os] = (float) a[ao + i * as];
            } else if (sa instanceof Storage.LongStorage) {
                long[] a = ((Storage.LongStorage) sa).a;
                for (int i = 0; i < n; i++) o[oo + i * os] = (float) a[ao + i * as];
            } else {
                boolean[] a = ((Storage.BoolStorage) sa).a;
                for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] ? 1f : 0f;
            }
        } else {
            double[] o = ((Storage.DoubleStorage) so).a;
            if (sa instanceof Storage.FloatStorage) {
                float[] a = ((Storage.FloatStorage) sa).a;
                for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
            } else if (sa instanceof Storage.LongStorage) {
                long[] a = ((Storage.LongStorage) sa).a;
                for (int i = 0; i < n; i++) o[oo + i * os] = (double) a[ao + i * as];
            } else {
                boolean[] a = ((Storage.BoolStorage) sa).a;
                for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] ? 1.0 : 0.0;
            }
        }
    }

    private static Object array(Storage s) {
        if (s instanceof Storage.FloatStorage) return ((Storage.FloatStorage) s).a;
        if (s instanceof Storage.DoubleStorage) return ((Storage.DoubleStorage) s).a;
        if (s instanceof Storage.LongStorage) return ((Storage.LongStorage) s).a;
        if (s instanceof Storage.IntStorage) return ((Storage.IntStorage) s).a;
        if (s instanceof Storage.HalfStorage) return ((Storage.HalfStorage) s).a;
        return ((Storage.BoolStorage) s).a;
    }

    private static void copyStrided(Storage so, int oo, int os, Storage sa, int ao, int as, int n) {
        if (so instanceof Storage.FloatStorage) {
            float[] o = ((Storage.FloatStorage) so).a, a = ((Storage.FloatStorage) sa).a;
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
        } else if (so instanceof Storage.DoubleStorage) {
            double[] o = ((Storage.DoubleStorage) so).a, a = ((Storage.DoubleStorage) sa).a;
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
        } else if (so instanceof Storage.LongStorage) {
            long[] o = ((Storage.LongStorage) so).a, a = ((Storage.LongStorage) sa).a;
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
        } else if (so instanceof Storage.IntStorage) {
            int[] o = ((Storage.IntStorage) so).a, a = ((Storage.IntStorage) sa).a;
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
        } else if (so instanceof Storage.HalfStorage) {
            short[] o = ((Storage.HalfStorage) so).a, a = ((Storage.HalfStorage) sa).a;
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
        } else {
            boolean[] o = ((Storage.BoolStorage) so).a, a = ((Storage.BoolStorage) sa).a;
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
        }
    }

    /** A float32 tensor's values in row-major order: its own array when that is exactly them, else a copy. */
    static float[] contiguousFloats(Tensor t) {
        float[] a = ((Storage.FloatStorage) t.storage).a;
        int n = t.numel();
        if (t.offset == 0 && a.length == n && t.isContiguous()) return a;
        Tensor c = Tensor.empty(t.shapeArray().clone(), DType.FLOAT32);
        copyInto(c, t);
        return ((Storage.FloatStorage) c.storage).a;
    }

    /** A float64 tensor's values in row-major order: its own array when that is exactly them, else a copy. */
    static double[] contiguousDoubles(Tensor t) {
        double[] a = ((Storage.DoubleStorage) t.storage).a;
        int n = t.numel();
        if (t.offset == 0 && a.length == n && t.isContiguous()) return a;
        Tensor c = Tensor.empty(t.shapeArray().clone(), DType.FLOAT64);
        copyInto(c, t);
        return ((Storage.DoubleStorage) c.storage).a;
    }
}
