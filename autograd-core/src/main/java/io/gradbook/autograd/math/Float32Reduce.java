// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 {@code sum} and {@code mean} on CPU, bit for bit: the cascade sum of
 * {@code aten/src/ATen/native/cpu/SumKernel.cpp} (8-lane vectors, 4 interleaved accumulators, four levels of
 * chunked partial sums) in the iteration order TensorIterator gives a reduction (reduced dims first, then by
 * stride, coalesced). Accumulation is in float32: SumKernel takes {@code acc_type<float, true>} (the CUDA one), float.
 *
 * <p>Contract:
 * <pre>
 * public static float sum(float[] src, int off, int n)
 * public static float mean(float[] src, int off, int n)
 * public static void sum(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, float[] dst, int dstOff)
 * public static void mean(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, float[] dst, int dstOff)
 * </pre>
 * The dim forms write the result row-major over the kept dims (keepdim or not, the layout is the same);
 * {@code reduceDims} lists the reduced dims (negative counts from the end) — pass every dim for a full reduction
 * of a strided view (an empty list reduces nothing, where PyTorch's {@code sum(dim=[])} would reduce all).
 *
 * <p>Single-threaded by contract: PyTorch splits a reduction over more than 32,768 elements across its intra-op
 * threads and its result then depends on the thread count; these functions reproduce the one-thread result
 * ({@code torch.set_num_threads(1)}), which is also what PyTorch gives below that size with any thread count.
 * A contiguous run of 2^21 elements and more ({@code -Dgradbook.sumSplitFrom=N} moves the line) computes that
 * one-thread result on the pool too ({@link SumSplit}: the cascade's top-level blocks are independent), so the bits
 * never depend on the threads.
 *
 * <pre>
 * jshell&gt; Float32Reduce.sum(new float[] {0.1f, 0.2f, 0.3f}, 0, 3)
 * $1 ==&gt; 0.6
 * </pre>
 */
public final class Float32Reduce {
    private Float32Reduce() {}

    /** Lanes of one AVX2 {@code Vectorized<float>}. */
    static final int LANES = 8;
    /** {@code multi_row_sum}'s number of cascade levels. */
    private static final int LEVELS = 4;
    /**
     * Steps from which multi_row_sum's flat 4 x 8 case runs in vectors (Float32Simd.multiRowSum4x8; 8,192 elements of
     * a contiguous sum): below, the scalar loop, which needs no C2 to be quick (see Float32Arith.MIN_VECTOR_RUN).
     */
    private static final int VECTOR_MIN_STEPS = 256;
    /** {@code row_sum}'s interleaved accumulators (instruction-level parallelism). */
    private static final int ILP = 4;

    /** {@code x.sum()} of a contiguous run of n elements. */
    public static float sum(float[] src, int off, int n) {
        checkRange(src.length, off, n);
        if (n < LANES) {
            // row_sum without its work arrays: 4 interleaved partial sums of one step when n >= 4, the rest
            // added to the first, then the other three (tiny sums are common; this allocates nothing)
            float p0 = 0f, p1 = 0f, p2 = 0f, p3 = 0f;
            int i = 0;
            if (n >= ILP) {
                p0 = 0f + src[off];
                p1 = 0f + src[off + 1];
                p2 = 0f + src[off + 2];
                p3 = 0f + src[off + 3];
                i = ILP;
            }
            for (; i < n; i++) p0 += src[off + i];
            p0 += p1;
            p0 += p2;
            p0 += p3;
            return 0f + p0;
        }
        return 0f + innerRow(src, off, n, new Scratch());
    }

    /** {@code x.mean()} of a contiguous run: the float32 sum divided by the count rounded to float32. */
    public static float mean(float[] src, int off, int n) {
        return sum(src, off, n) / (float) n;
    }

    /**
     * {@code x.sum(dims)} of a strided view ({@code shape}, {@code strides} in elements from {@code srcOff}),
     * written row-major over the kept dims into {@code dst} from {@code dstOff}.
     */
    public static void sum(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, float[] dst, int dstOff) {
        ReductionPlan p = ReductionPlan.of(shape, strides, reduceDims);
        for (int i = 0; i < p.outNumel; i++) dst[dstOff + i] = 0f;
        Scratch s = new Scratch();
        if (p.numel == 0) return;
        p.forEachBlock(srcOff, dstOff, (inBase, outBase) -> loop(src, inBase, dst, outBase, p, s));
    }

    /** {@code x.mean(dims)}: the dim sum divided by the number of reduced elements rounded to float32. */
    public static void mean(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, float[] dst, int dstOff) {
        sum(src, srcOff, shape, strides, reduceDims, dst, dstOff);
        long count = 1;
        int outN = 1;
        boolean[] reduced = ReductionPlan.reducedMask(shape.length, reduceDims);
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) count *= shape[d]; else outN *= shape[d];
        }
        float div = (float) count;
        for (int i = 0; i < outN; i++) dst[dstOff + i] = dst[dstOff + i] / div;
    }

    /** The body of {@code cascade_sum}'s loop over one 2-d block. */
    private static void loop(float[] src, int in, float[] dst, int out, ReductionPlan p, Scratch s) {
        int nd = p.shape.length;
        int size0 = nd > 0 ? p.shape[0] : 1, size1 = nd > 1 ? p.shape[1] : 1;
        int in0 = nd > 0 ? p.inStride[0] : 0, in1 = nd > 1 ? p.inStride[1] : 0;
        int out0 = nd > 0 ? p.outStride[0] : 0, out1 = nd > 1 ? p.outStride[1] : 0;
        if (out0 != 0 && out1 == 0) { // move the reduction to the first dim
            int t = in0; in0 = in1; in1 = t;
            t = out0; out0 = out1; out1 = t;
            t = size0; size0 = size1; size1 = t;
        }
        if (out0 != 0 && out1 != 0) { // not a true reduction (only size-1 dims reduced): out = out + in
            for (int j = 0; j < size1; j++) {
                for (int i = 0; i < size0; i++) {
                    int o = out + i * out0 + j * out1;
                    dst[o] = dst[o] + src[in + i * in0 + j * in1];
                }
            }
            return;
        }
        if (in0 == 1 && size0 >= LANES) {
            for (int j = 0; j < size1; j++) {
                dst[out + j * out1] += innerRow(src, in + j * in1, size0, s);
            }
        } else if (in1 == 1 && size1 >= LANES) {
            vectorizedOuter(src, in, in0, size0, size1, dst, out, out1, s);
        } else if (in0 < in1) {
            for (int j = 0; j < size1; j++) {
                dst[out + j * out1] += rowSum(src, in + j * in1, in0, size0, s);
            }
        } else {
            int j = 0;
            for (; j + (ILP - 1) < size1; j += ILP) {
                multiRowSum(src, in + j * in1, in0, in1, size0, ILP, 1, s, s.rows, 0);
                for (int k = 0; k < ILP; k++) dst[out + (j + k) * out1] += s.rows[k];
            }
            for (; j < size1; j++) {
                dst[out + j * out1] += rowSum(src, in + j * in1, in0, size0, s);
            }
        }
    }

    /** {@code vectorized_inner_sum} for one contiguous row: vector cascade, scalar tail, then the 8 lanes in order. */
    private static float innerRow(float[] src, int row, int size0, Scratch s) {
        int vecSize = size0 / LANES;
        rowSumVec(src, row, LANES, vecSize, s);
        float acc = 0f;
        for (int k = vecSize * LANES; k < size0; k++) acc += src[row + k];
        for (int l = 0; l < LANES; l++) acc += s.vec[l];
        return acc;
    }

    /** {@code vectorized_outer_sum}: columns contiguous, 32 then 8 at a time, the rest one by one. */
    private static void vectorizedOuter(float[] src, int in, int innerStride, int size0, int size1,
                                        float[] dst, int out, int outStride, Scratch s) {
        int j = 0;
        for (; j + ILP * LANES <= size1; j += ILP * LANES) {
            multiRowSum4x8(src, in + j, innerStride, size0, s, s.rows, 0);
            for (int k = 0; k < ILP * LANES; k++) dst[out + (j + k) * outStride] += s.rows[k];
        }
        for (; j + LANES <= size1; j += LANES) {
            rowSumVec(src, in + j, innerStride, size0, s);
            for (int k = 0; k < LANES; k++) dst[out + (j + k) * outStride] += s.vec[k];
        }
        for (; j < size1; j++) {
            dst[out + j * outStride] += rowSum(src, in + j, innerStride, size0, s);
        }
    }

    /** {@code row_sum} over vectors: {@code size} vectors of 8 lanes, {@code stride} elements apart; result in s.vec. */
    private static void rowSumVec(float[] src, int base, int stride, int size, Scratch s) {
        int sizeIlp = size / ILP;
        float[] part = s.rows;
        if (stride == LANES && sizeIlp >= VECTOR_MIN_STEPS && Simd.enabled()) {
            int levelPower = Math.max(4, ceilLog2(sizeIlp) / LEVELS);
            if (!SumSplit.multiRowSum4x8(src, base, stride * ILP, sizeIlp, levelPower, part)) {
                Float32Simd.multiRowSum4x8(src, base, stride * ILP, sizeIlp, levelPower, part, 0);
            }
        } else {
            multiRowSum(src, base, stride * ILP, stride, sizeIlp, ILP, LANES, s, part, 0);
        }
        for (int i = sizeIlp * ILP; i < size; i++) {
            int b = base + i * stride;
            for (int l = 0; l < LANES; l++) part[l] += src[b + l];
        }
        for (int k = 1; k < ILP; k++) {
            for (int l = 0; l < LANES; l++) part[l] += part[k * LANES + l];
        }
        System.arraycopy(part, 0, s.vec, 0, LANES);
    }

    /** Scalar {@code row_sum}: 4 interleaved cascades, the leftover elements, then the 4 partial sums in order. */
    private static float rowSum(float[] src, int base, int stride, int size, Scratch s) {
        int sizeIlp = size / ILP;
        float[] part = s.scalarRows;
        multiRowSum(src, base, stride * ILP, stride, sizeIlp, ILP, 1, s, part, 0);
        float p0 = part[0];
        for (int i = sizeIlp * ILP; i < size; i++) p0 += src[base + i * stride];
        for (int k = 1; k < ILP; k++) p0 += part[k];
        return p0;
    }

    /**
     * {@link #multiRowSum} of 4 rows of 8 lanes side by side (colStride 8): in vectors from {@link #VECTOR_MIN_STEPS}
     * steps where the Vector API is, same bits. Dispatched outside multiRowSum, so that its scalar loop is compiled
     * from its own profile. (A transient remains: after long sums, the first short-row sums deoptimize the caller
     * compiled with only the vector branch seen; MathBench's 14 calls of 1000x1000 over dim 1 read 3.6-4.9 ms against
     * 0.7-1.5 before, while 200 calls measured 0.55-0.64 ms a call against 0.61-0.65.)
     */
    private static void multiRowSum4x8(float[] src, int base, int rowStride, int size, Scratch s, float[] out, int outOff) {
        if (size >= VECTOR_MIN_STEPS && Simd.enabled()) {
            Float32Simd.multiRowSum4x8(src, base, rowStride, size, Math.max(4, ceilLog2(size) / LEVELS), out, outOff);
        } else {
            multiRowSum(src, base, rowStride, LANES, size, ILP, LANES, s, out, outOff);
        }
    }

    /**
     * {@code multi_row_sum}: sums {@code nrows} rows of {@code lanes} elements at once over {@code size} steps
     * (element (i, k, l) at base + i*rowStride + k*colStride + l), in 4 levels whose chunk length grows with the size
     * so that only partial sums of similar magnitude meet. Result: out[k*lanes + l].
     */
    private static void multiRowSum(float[] src, int base, int rowStride, int colStride, int size,
                                    int nrows, int lanes, Scratch s, float[] out, int outOff) {
        int w = nrows * lanes;
        int levelPower = Math.max(4, ceilLog2(size) / LEVELS);
        int levelStep = 1 << levelPower;
        long levelMask = levelStep - 1;
        float[] a0 = s.acc0, a1 = s.acc1, a2 = s.acc2, a3 = s.acc3;
        for (int k = 0; k < w; k++) { a0[k] = 0f; a1[k] = 0f; a2[k] = 0f; a3[k] = 0f; }
        // the rows' vectors side by side in memory (every contiguous case): one flat loop the JIT can vectorize
        boolean flat = colStride == lanes;
        int i = 0;
        while (i + levelStep <= size) {
            if (flat) {
                for (int j = 0; j < levelStep; j++, i++) {
                    int b = base + i * rowStride;
                    for (int k = 0; k < w; k++) a0[k] += src[b + k];
                }
            } else {
                for (int j = 0; j < levelStep; j++, i++) {
                    int b = base + i * rowStride;
                    for (int k = 0; k < nrows; k++) {
                        int e = b + k * colStride;
                        for (int l = 0; l < lanes; l++) a0[k * lanes + l] += src[e + l];
                    }
                }
            }
            for (int k = 0; k < w; k++) { a1[k] += a0[k]; a0[k] = 0f; }
            if ((i & (levelMask << levelPower)) != 0) continue;
            for (int k = 0; k < w; k++) { a2[k] += a1[k]; a1[k] = 0f; }
            if ((i & (levelMask << (2 * levelPower))) != 0) continue;
            for (int k = 0; k < w; k++) { a3[k] += a2[k]; a2[k] = 0f; }
        }
        for (; i < size; i++) {
            int b = base + i * rowStride;
            for (int k = 0; k < nrows; k++) {
                int e = b + k * colStride;
                for (int l = 0; l < lanes; l++) a0[k * lanes + l] += src[e + l];
            }
        }
        for (int k = 0; k < w; k++) {
            float v = a0[k];
            v += a1[k];
            v += a2[k];
            v += a3[k];
            out[outOff + k] = v;
        }
    }

    /** {@code utils::CeilLog2}: 1 for x &lt;= 2. */
    static int ceilLog2(long x) {
        if (x <= 2) return 1;
        return (63 - Long.numberOfLeadingZeros(x - 1)) + 1;
    }

    static void checkRange(int length, int off, int n) {
        if (off < 0 || n < 0 || off > length - n) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + " + " + n + ") out of bounds for length " + length);
        }
    }

    /** Per-call work arrays, so that the loops allocate nothing per row. */
    private static final class Scratch {
        final float[] acc0 = new float[ILP * LANES], acc1 = new float[ILP * LANES];
        final float[] acc2 = new float[ILP * LANES], acc3 = new float[ILP * LANES];
        final float[] rows = new float[ILP * LANES];
        final float[] scalarRows = new float[ILP];
        final float[] vec = new float[LANES];
    }
}
