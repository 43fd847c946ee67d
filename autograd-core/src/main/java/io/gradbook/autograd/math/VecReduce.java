// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's vectorized reductions other than sum, on CPU, bit for bit, single-threaded:
 * {@code binary_kernel_reduce_vec} of {@code aten/src/ATen/native/cpu/Reduce.h} (prod, amax, amin) in the order
 * TensorIterator gives the reduction ({@link ReductionPlan}), and {@code reduce_all_kernel_vec} of
 * {@code ReduceAllOpsKernel.cpp} ({@code x.max()}, {@code x.min()}). Each 2-d block of the loop takes one of three
 * paths: the input contiguous along the reduced dim ({@code vectorized_inner_reduction}: 4 vectors of lane
 * accumulators over blocks of 4 vectors, folded as (a0 op a1) op (a2 op a3), lane 0 then combined with the others
 * in turn, then the tail one by one), input and output contiguous along the kept dim
 * ({@code vectorized_outer_reduction}: the same per column, i.e. sequential down each column), or the scalar loop.
 * The vector and scalar ops differ where it shows: AVX2's {@code maximum} gives the second operand on ties and an
 * all-ones NaN; the scalar {@code max_impl} the first on ties ({@code std::max}) and a quiet NaN.
 *
 * <pre>
 * jshell&gt; VecReduce.all(new float[] {1f, 5f, 3f}, 0, 3, true)
 * $1 ==&gt; 5.0
 * </pre>
 */
public final class VecReduce {
    private VecReduce() {}

    /** The op codes. */
    public static final int PROD = 0, MAX = 1, MIN = 2;

    static final int LANES_F = 8, LANES_D = 4;
    private static final float QNAN_F = Float.intBitsToFloat(0x7fc00000), ONES_F = Float.intBitsToFloat(-1);
    private static final double QNAN_D = Double.longBitsToDouble(0x7ff8000000000000L), ONES_D = Double.longBitsToDouble(-1L);

    // ---- float32 (Vectorized<float>: 8 lanes; reduction128 blocks of 32) -------------------------------------

    /** The reduction's identity: 1 for prod, -inf for amax ({@code lower_bound}), +inf for amin. */
    private static float identF(int op) {
        return op == PROD ? 1f : op == MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    }

    /** The scalar op: {@code a * b}, or {@code max_impl}/{@code min_impl} (NaN if either is, else std::max/min: a on ties). */
    private static float opF(int op, float a, float b) {
        if (op == PROD) return a * b;
        if (a != a || b != b) return QNAN_F;
        if (op == MAX) return a < b ? b : a;
        return b < a ? b : a;
    }

    /** The vector op per lane: {@code a * b}, or {@code maximum}/{@code minimum} (_mm256_max_ps | unordered mask: b on ties, NaN all ones). */
    private static float vopF(int op, float a, float b) {
        if (op == PROD) return a * b;
        if (a != a || b != b) return ONES_F;
        if (op == MAX) return a > b ? a : b;
        return a < b ? a : b;
    }

    /**
     * {@code binary_kernel_reduce_vec} of a strided view over {@code reduceDims} ({@link #PROD}, {@link #MAX} or
     * {@link #MIN}), written row-major over the kept dims into {@code dst} from {@code dstOff}.
     */
    public static void reduce(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, int op, float[] dst, int dstOff) {
        ReductionPlan p = ReductionPlan.of(shape, strides, reduceDims);
        java.util.Arrays.fill(dst, dstOff, dstOff + p.outNumel, identF(op));
        if (p.numel == 0) return;
        p.forEachBlock(srcOff, dstOff, (inBase, outBase) -> blockF(src, inBase, dst, outBase, p, op));
    }

    /** One 2-d block of the loop: contiguous (inner) reduction, outer reduction, or the basic loop. */
    private static void blockF(float[] src, int in, float[] dst, int out, ReductionPlan p, int op) {
        int nd = p.shape.length;
        int size0 = nd > 0 ? p.shape[0] : 1, size1 = nd > 1 ? p.shape[1] : 1;
        int in0 = nd > 0 ? p.inStride[0] : 0, in1 = nd > 1 ? p.inStride[1] : 0;
        int out0 = nd > 0 ? p.outStride[0] : 0, out1 = nd > 1 ? p.outStride[1] : 0;
        if (out0 == 0 && in0 == 1) {
            for (int j = 0; j < size1; j++) innerF(src, in + j * in1, dst, out + j * out1, size0, op);
        } else if (out0 == 0 && out1 == 1 && in1 == 1) {
            outerF(src, in, in0, size0, size1, dst, out, op);
        } else {
            for (int j = 0; j < size1; j++) {
                for (int i = 0; i < size0; i++) {
                    int o = out + j * out1 + i * out0;
                    dst[o] = opF(op, dst[o], src[in + j * in1 + i * in0]);
                }
            }
        }
    }

    /**
     * One block of 4 vectors into the accumulators, one loop per op (no per-element dispatch). max/min compare as
     * the vector instruction does ({@code a > b ? a : b}: b on ties) and only report whether a NaN went by, so the
     * caller redoes the rare NaN block exactly.
     */
    private static boolean stepF(int op, float[] acc, float[] src, int base) {
        int n = acc.length;
        boolean nan = false;
        if (op == PROD) {
            for (int k = 0; k < n; k++) acc[k] = acc[k] * src[base + k];
        } else if (op == MAX) {
            for (int k = 0; k < n; k++) {
                float a = acc[k], v = src[base + k];
                acc[k] = a > v ? a : v;
                nan |= v != v;
            }
        } else {
            for (int k = 0; k < n; k++) {
                float a = acc[k], v = src[base + k];
                acc[k] = a < v ? a : v;
                nan |= v != v;
            }
        }
        return nan;
    }

    /** {@code vectorized_inner_reduction}: 4 vectors of lane accumulators over 32-element blocks, folded, then the tail. */
    private static void innerF(float[] src, int in, float[] dst, int out, int n, int op) {
        if (op != PROD && plainF(src, in, 1, n, dst, out, op == MAX)) return;
        int block = 4 * LANES_F;
        int count = n / block;
        if (count > 0) {
            float[] acc = new float[block];
            System.arraycopy(src, in, acc, 0, block);
            boolean nan = hasNaN(acc);
            if (op == PROD) {
                for (int i = 1; i < count; i++) nan |= stepF(op, acc, src, in + i * block);
            } else {
                nan |= lanesF(op == MAX, acc, src, in, count);
            }
            if (nan) { // redo exactly: NaN lanes become the all-ones NaN
                System.arraycopy(src, in, acc, 0, block);
                for (int i = 1; i < count; i++) {
                    int base = in + i * block;
                    for (int k = 0; k < block; k++) acc[k] = vopF(op, acc[k], src[base + k]);
                }
            }
            float b0 = 0;
            for (int l = 0; l < LANES_F; l++) {
                float v01 = vopF(op, acc[l], acc[LANES_F + l]);
                float v23 = vopF(op, acc[2 * LANES_F + l], acc[3 * LANES_F + l]);
                float v = vopF(op, v01, v23);
                b0 = l == 0 ? v : opF(op, b0, v);
            }
            dst[out] = opF(op, dst[out], b0);
        }
        float r = dst[out];
        for (int i = count * block; i < n; i++) r = opF(op, r, src[in + i]);
        dst[out] = r;
    }

    /** {@code vectorized_outer_reduction}: columns 32 at a time down the rows, then the rest one by one. */
    private static void outerF(float[] src, int in, int rowStride, int rows, int cols, float[] dst, int out, int op) {
        if (op != PROD) {
            boolean all = true;
            for (int c = 0; c < cols; c++) all &= plainF(src, in + c, rowStride, rows, dst, out + c, op == MAX);
            if (all) return;
            // some column needs the exact order: run it for every column (a column already written holds its
            // non-zero, NaN-free extreme, which the exact pass leaves as it is)
        }
        int block = 4 * LANES_F;
        int c = 0;
        float[] acc = new float[block];
        for (; c + block <= cols; c += block) {
            System.arraycopy(src, in + c, acc, 0, block);
            boolean nan = hasNaN(acc);
            for (int i = 1; i < rows; i++) nan |= stepF(op, acc, src, in + i * rowStride + c);
            if (nan) {
                System.arraycopy(src, in + c, acc, 0, block);
                for (int i = 1; i < rows; i++) {
                    int base = in + i * rowStride + c;
                    for (int k = 0; k < block; k++) acc[k] = vopF(op, acc[k], src[base + k]);
                }
            }
            for (int k = 0; k < block; k++) dst[out + c + k] = vopF(op, acc[k], dst[out + c + k]);
        }
        for (; c < cols; c++) {
            float r = dst[out + c];
            for (int i = 0; i < rows; i++) r = opF(op, r, src[in + i * rowStride + c]);
            dst[out + c] = r;
        }
    }

    /**
     * {@code x.max()} / {@code x.min()} of a contiguous run ({@code reduce_all_kernel_vec}, one thread): lanes of
     * {@code maximum}/{@code minimum} over whole vectors, the partial last vector into its lanes, then lane 0
     * combined with lanes 1..7 in turn. Shorter than a vector: its elements alone, the same way.
     */
    public static float all(float[] src, int off, int n, boolean max) {
        int op = max ? MAX : MIN;
        float[] one = {src[off]};
        if (plainF(src, off, 1, n, one, 0, max)) return one[0];
        float[] acc = new float[LANES_F];
        int lanes;
        if (n < LANES_F) {
            System.arraycopy(src, off, acc, 0, n);
            lanes = n;
        } else {
            System.arraycopy(src, off, acc, 0, LANES_F);
            int d = LANES_F;
            int body = n - n % LANES_F;
            boolean nan = hasNaN(acc);
            for (; d < body; d += LANES_F) nan |= stepF(op, acc, src, off + d);
            if (nan) { // redo exactly: NaN lanes become the all-ones NaN
                System.arraycopy(src, off, acc, 0, LANES_F);
                for (d = LANES_F; d < body; d += LANES_F) {
                    for (int l = 0; l < LANES_F; l++) acc[l] = vopF(op, acc[l], src[off + d + l]);
                }
            }
            for (int l = 0; l < n - d; l++) acc[l] = vopF(op, acc[l], src[off + d + l]);
            lanes = LANES_F;
        }
        float r = acc[0];
        for (int l = 1; l < lanes; l++) r = vopF(op, r, acc[l]);
        return r;
    }

    // ---- float64 (Vectorized<double>: 4 lanes; reduction128 blocks of 16) -------------------------------------

    /** The reduction's identity: 1 for prod, -inf for amax ({@code lower_bound}), +inf for amin. */
    private static double identD(int op) {
        return op == PROD ? 1.0 : op == MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** The scalar op: {@code a * b}, or {@code max_impl}/{@code min_impl} (NaN if either is, else std::max/min: a on ties). */
    private static double opD(int op, double a, double b) {
        if (op == PROD) return a * b;
        if (a != a || b != b) return QNAN_D;
        if (op == MAX) return a < b ? b : a;
        return b < a ? b : a;
    }

    /** The vector op per lane: {@code a * b}, or {@code maximum}/{@code minimum} (_mm256_max_ps | unordered mask: b on ties, NaN all ones). */
    private static double vopD(int op, double a, double b) {
        if (op == PROD) return a * b;
        if (a != a || b != b) return ONES_D;
        if (op == MAX) return a > b ? a : b;
        return a < b ? a : b;
    }

    /**
     * {@code binary_kernel_reduce_vec} of a strided view over {@code reduceDims} ({@link #PROD}, {@link #MAX} or
     * {@link #MIN}), written row-major over the kept dims into {@code dst} from {@code dstOff}.
     */
    public static void reduce(double[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, int op, double[] dst, int dstOff) {
        ReductionPlan p = ReductionPlan.of(shape, strides, reduceDims);
        java.util.Arrays.fill(dst, dstOff, dstOff + p.outNumel, identD(op));
        if (p.numel == 0) return;
        p.forEachBlock(srcOff, dstOff, (inBase, outBase) -> blockD(src, inBase, dst, outBase, p, op));
    }

    /** One 2-d block of the loop: contiguous (inner) reduction, outer reduction, or the basic loop. */
    private static void blockD(double[] src, int in, double[] dst, int out, ReductionPlan p, int op) {
        int nd = p.shape.length;
        int size0 = nd > 0 ? p.shape[0] : 1, size1 = nd > 1 ? p.shape[1] : 1;
        int in0 = nd > 0 ? p.inStride[0] : 0, in1 = nd > 1 ? p.inStride[1] : 0;
        int out0 = nd > 0 ? p.outStride[0] : 0, out1 = nd > 1 ? p.outStride[1] : 0;
        if (out0 == 0 && in0 == 1) {
            for (int j = 0; j < size1; j++) innerD(src, in + j * in1, dst, out + j * out1, size0, op);
        } else if (out0 == 0 && out1 == 1 && in1 == 1) {
            outerD(src, in, in0, size0, size1, dst, out, op);
        } else {
            for (int j = 0; j < size1; j++) {
                for (int i = 0; i < size0; i++) {
                    int o = out + j * out1 + i * out0;
                    dst[o] = opD(op, dst[o], src[in + j * in1 + i * in0]);
                }
            }
        }
    }

    /**
     * One block of 4 vectors into the accumulators, one loop per op (no per-element dispatch). max/min compare as
     * the vector instruction does ({@code a > b ? a : b}: b on ties) and only report whether a NaN went by, so the
     * caller redoes the rare NaN block exactly.
     */
    private static boolean stepD(int op, double[] acc, double[] src, int base) {
        int n = acc.length;
        boolean nan = false;
        if (op == PROD) {
            for (int k = 0; k < n; k++) acc[k] = acc[k] * src[base + k];
        } else if (op == MAX) {
            for (int k = 0; k < n; k++) {
                double a = acc[k], v = src[base + k];
                acc[k] = a > v ? a : v;
                nan |= v != v;
            }
        } else {
            for (int k = 0; k < n; k++) {
                double a = acc[k], v = src[base + k];
                acc[k] = a < v ? a : v;
                nan |= v != v;
            }
        }
        return nan;
    }

    /** {@code vectorized_inner_reduction}: 4 vectors of lane accumulators over 32-element blocks, folded, then the tail. */
    private static void innerD(double[] src, int in, double[] dst, int out, int n, int op) {
        if (op != PROD && plainD(src, in, 1, n, dst, out, op == MAX)) return;
        int block = 4 * LANES_D;
        int count = n / block;
        if (count > 0) {
            double[] acc = new double[block];
            System.arraycopy(src, in, acc, 0, block);
            boolean nan = hasNaN(acc);
            if (op == PROD) {
                for (int i = 1; i < count; i++) nan |= stepD(op, acc, src, in + i * block);
            } else {
                nan |= lanesD(op == MAX, acc, src, in, count);
            }
            if (nan) { // redo exactly: NaN lanes become the all-ones NaN
                System.arraycopy(src, in, acc, 0, block);
                for (int i = 1; i < count; i++) {
                    int base = in + i * block;
                    for (int k = 0; k < block; k++) acc[k] = vopD(op, acc[k], src[base + k]);
                }
            }
            double b0 = 0;
            for (int l = 0; l < LANES_D; l++) {
                double v01 = vopD(op, acc[l], acc[LANES_D + l]);
                double v23 = vopD(op, acc[2 * LANES_D + l], acc[3 * LANES_D + l]);
                double v = vopD(op, v01, v23);
                b0 = l == 0 ? v : opD(op, b0, v);
            }
            dst[out] = opD(op, dst[out], b0);
        }
        double r = dst[out];
        for (int i = count * block; i < n; i++) r = opD(op, r, src[in + i]);
        dst[out] = r;
    }

    /** {@code vectorized_outer_reduction}: columns 32 at a time down the rows, then the rest one by one. */
    private static void outerD(double[] src, int in, int rowStride, int rows, int cols, double[] dst, int out, int op) {
        if (op != PROD) {
            boolean all = true;
            for (int c = 0; c < cols; c++) all &= plainD(src, in + c, rowStride, rows, dst, out + c, op == MAX);
            if (all) return;
            // some column needs the exact order: run it for every column (a column already written holds its
            // non-zero, NaN-free extreme, which the exact pass leaves as it is)
        }
        int block = 4 * LANES_D;
        int c = 0;
        double[] acc = new double[block];
        for (; c + block <= cols; c += block) {
            System.arraycopy(src, in + c, acc, 0, block);
            boolean nan = hasNaN(acc);
            for (int i = 1; i < rows; i++) nan |= stepD(op, acc, src, in + i * rowStride + c);
            if (nan) {
                System.arraycopy(src, in + c, acc, 0, block);
                for (int i = 1; i < rows; i++) {
                    int base = in + i * rowStride + c;
                    for (int k = 0; k < block; k++) acc[k] = vopD(op, acc[k], src[base + k]);
                }
            }
            for (int k = 0; k < block; k++) dst[out + c + k] = vopD(op, acc[k], dst[out + c + k]);
        }
        for (; c < cols; c++) {
            double r = dst[out + c];
            for (int i = 0; i < rows; i++) r = opD(op, r, src[in + i * rowStride + c]);
            dst[out + c] = r;
        }
    }

    /**
     * {@code x.max()} / {@code x.min()} of a contiguous run ({@code reduce_all_kernel_vec}, one thread): lanes of
     * {@code maximum}/{@code minimum} over whole vectors, the partial last vector into its lanes, then lane 0
     * combined with lanes 1..3 in turn. Shorter than a vector: its elements alone, the same way.
     */
    public static double all(double[] src, int off, int n, boolean max) {
        int op = max ? MAX : MIN;
        double[] one = {src[off]};
        if (plainD(src, off, 1, n, one, 0, max)) return one[0];
        double[] acc = new double[LANES_D];
        int lanes;
        if (n < LANES_D) {
            System.arraycopy(src, off, acc, 0, n);
            lanes = n;
        } else {
            System.arraycopy(src, off, acc, 0, LANES_D);
            int d = LANES_D;
            int body = n - n % LANES_D;
            boolean nan = hasNaN(acc);
            for (; d < body; d += LANES_D) nan |= stepD(op, acc, src, off + d);
            if (nan) { // redo exactly: NaN lanes become the all-ones NaN
                System.arraycopy(src, off, acc, 0, LANES_D);
                for (d = LANES_D; d < body; d += LANES_D) {
                    for (int l = 0; l < LANES_D; l++) acc[l] = vopD(op, acc[l], src[off + d + l]);
                }
            }
            for (int l = 0; l < n - d; l++) acc[l] = vopD(op, acc[l], src[off + d + l]);
            lanes = LANES_D;
        }
        double r = acc[0];
        for (int l = 1; l < lanes; l++) r = vopD(op, r, acc[l]);
        return r;
    }

    private static boolean hasNaN(float[] v) {
        boolean nan = false;
        for (float x : v) nan |= x != x;
        return nan;
    }

    private static boolean hasNaN(double[] v) {
        boolean nan = false;
        for (double x : v) nan |= x != x;
        return nan;
    }

    /**
     * max/min of each of the block's lanes down the row, one lane at a time in a register (the lanes are
     * independent, so the order within each is kept); reports whether a NaN went by.
     */
    private static boolean lanesF(boolean max, float[] acc, float[] src, int in, int count) {
        int block = acc.length;
        boolean nan = false;
        for (int k = 0; k < block; k++) {
            float a = acc[k];
            int p = in + block + k;
            if (max) {
                for (int i = 1; i < count; i++, p += block) {
                    float v = src[p];
                    a = a > v ? a : v;
                    nan |= v != v;
                }
            } else {
                for (int i = 1; i < count; i++, p += block) {
                    float v = src[p];
                    a = a < v ? a : v;
                    nan |= v != v;
                }
            }
            acc[k] = a;
        }
        return nan;
    }

    /**
     * max/min of each of the block's lanes down the row, one lane at a time in a register (the lanes are
     * independent, so the order within each is kept); reports whether a NaN went by.
     */
    private static boolean lanesD(boolean max, double[] acc, double[] src, int in, int count) {
        int block = acc.length;
        boolean nan = false;
        for (int k = 0; k < block; k++) {
            double a = acc[k];
            int p = in + block + k;
            if (max) {
                for (int i = 1; i < count; i++, p += block) {
                    double v = src[p];
                    a = a > v ? a : v;
                    nan |= v != v;
                }
            } else {
                for (int i = 1; i < count; i++, p += block) {
                    double v = src[p];
                    a = a < v ? a : v;
                    nan |= v != v;
                }
            }
            acc[k] = a;
        }
        return nan;
    }

    /**
     * max/min of {@code dst[out]} and n elements by a plain scan, written to dst when it is the exact answer
     * whatever the order: no NaN went by and the result is not a zero (whose sign the order would pick). Returns
     * false, leaving dst alone, otherwise.
     */
    private static boolean plainF(float[] src, int in, int stride, int n, float[] dst, int out, boolean max) {
        float a = dst[out];
        boolean nan = a != a;
        int p = in;
        if (max) {
            for (int i = 0; i < n; i++, p += stride) {
                float v = src[p];
                if (v > a) a = v;
                else if (v != v) nan = true;
            }
        } else {
            for (int i = 0; i < n; i++, p += stride) {
                float v = src[p];
                if (v < a) a = v;
                else if (v != v) nan = true;
            }
        }
        if (nan || a == 0) return false;
        dst[out] = a;
        return true;
    }

    /**
     * max/min of {@code dst[out]} and n elements by a plain scan, written to dst when it is the exact answer
     * whatever the order: no NaN went by and the result is not a zero (whose sign the order would pick). Returns
     * false, leaving dst alone, otherwise.
     */
    private static boolean plainD(double[] src, int in, int stride, int n, double[] dst, int out, boolean max) {
        double a = dst[out];
        boolean nan = a != a;
        int p = in;
        if (max) {
            for (int i = 0; i < n; i++, p += stride) {
                double v = src[p];
                if (v > a) a = v;
                else if (v != v) nan = true;
            }
        } else {
            for (int i = 0; i < n; i++, p += stride) {
                double v = src[p];
                if (v < a) a = v;
                else if (v != v) nan = true;
            }
        }
        if (nan || a == 0) return false;
        dst[out] = a;
        return true;
    }
}
