// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static io.gradbook.autograd.math.Sleef32Vec.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector bodies of {@link Float32Unary}'s loops: whole vectors of 8 from the run's start through
 * {@link Sleef32Vec}, exactly as PyTorch's AVX2 loop steps through a contiguous tensor. Each method computes
 * {@code dst[dstOff + i]} for {@code i} below the count it returns and leaves the rest (the partial last vector,
 * or {@code cpu_kernel_vec}'s scalar tail) to the caller. Only loaded where the Vector API is (see {@link Simd}).
 */
final class Float32Simd {
    private Float32Simd() {}

    static final int LANES = 8;

    /** Whether 8 float lanes are a real hardware vector here (not the API's lane-by-lane emulation). */
    static boolean usable() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && F.length() == LANES;
    }

    static int exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int body = n - n % LANES;
        for (int i = 0; i < body; i += LANES) {
            Sleef32Vec.exp(FloatVector.fromArray(F, src, srcOff + i)).intoArray(dst, dstOff + i);
        }
        return body;
    }

    static int log(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int body = n - n % LANES;
        Sleef32Vec.log(src, srcOff, dst, dstOff, body); // the loop is there (see Sleef32Vec.tanh)
        return body;
    }

    static int tanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int body = n - n % LANES;
        Sleef32Vec.tanh(src, srcOff, dst, dstOff, body); // the loop is there (see Sleef32Vec.tanh)
        return body;
    }

    /** Over {@code body} elements, a multiple of 8 (the caller's {@code n - n % 16}). */
    static void sigmoid(float[] src, int srcOff, float[] dst, int dstOff, int body) {
        for (int i = 0; i < body; i += LANES) {
            Sleef32Vec.sigmoid(FloatVector.fromArray(F, src, srcOff + i)).intoArray(dst, dstOff + i);
        }
    }

    // the range as a vector made once: a scalar operand parses a broadcast in every compile of the loop (Sleef32Vec's
    // constants say why that counts)
    private static final FloatVector TRIG_RANGE = FloatVector.broadcast(F, Sleef32.TRIGRANGEMAX2);

    /**
     * sin over whole groups of 8: the Cody-Waite path in vectors when every lane of the group is below 125 in
     * magnitude (NaN and inf are not), else SLEEF's Payne-Hanek path for the group, one lane at a time
     * ({@link Sleef32#sinSlow}; rare in practice). sin and cos have a loop each: one loop with both inlined
     * measured 1.7x slower for whichever ran second.
     */
    static int sin(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int body = n - n % LANES;
        for (int g = 0; g < body; g += LANES) {
            FloatVector d = FloatVector.fromArray(F, src, srcOff + g);
            if (d.abs().compare(VectorOperators.LT, TRIG_RANGE).allTrue()) {
                Sleef32Vec.sin(d).intoArray(dst, dstOff + g);
            } else {
                for (int i = g; i < g + LANES; i++) dst[dstOff + i] = Sleef32.sinSlow(src[srcOff + i]);
            }
        }
        return body;
    }

    /** cos as {@link #sin}. */
    static int cos(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int body = n - n % LANES;
        for (int g = 0; g < body; g += LANES) {
            FloatVector d = FloatVector.fromArray(F, src, srcOff + g);
            if (d.abs().compare(VectorOperators.LT, TRIG_RANGE).allTrue()) {
                Sleef32Vec.cos(d).intoArray(dst, dstOff + g);
            } else {
                for (int i = g; i < g + LANES; i++) dst[dstOff + i] = Sleef32.cosSlow(src[srcOff + i]);
            }
        }
        return body;
    }

    /** softmax's {@code exp(x - max)} over whole vectors of a row (the vml loop: the caller finishes the last partial one). */
    static int expShifted(float[] x, int xo, float[] y, int yo, int n, float max) {
        int body = n - n % LANES;
        for (int i = 0; i < body; i += LANES) {
            Sleef32Vec.exp(FloatVector.fromArray(F, x, xo + i).sub(max)).intoArray(y, yo + i);
        }
        return body;
    }

    /**
     * softmax's exp map and the sum after it in one pass (n &gt;= 8): {@code y = exp(x - max)} stored as
     * {@link #expShifted} stores it, and the stored vectors summed as {@link #reduceSum} sums them after (the first
     * vector, then each whole vector lanewise): the same values added in the same order, one pass over the row fewer.
     * The 8 lane sums go into {@code acc}; returns where the scalar tail starts (its exps are the caller's).
     */
    static int expShiftedSum(float[] x, int xo, float[] y, int yo, int n, float max, float[] acc) {
        int body = n - n % LANES;
        FloatVector a = Sleef32Vec.exp(FloatVector.fromArray(F, x, xo).sub(max));
        a.intoArray(y, yo);
        for (int i = LANES; i < body; i += LANES) {
            FloatVector e = Sleef32Vec.exp(FloatVector.fromArray(F, x, xo + i).sub(max));
            e.intoArray(y, yo + i);
            a = a.add(e);
        }
        a.intoArray(acc, 0);
        return body;
    }

    /**
     * {@code vec::map_reduce_all}'s vector part for {@code exp(x - max)} with +, n &gt;= 8: the 8 lane accumulators
     * after the whole vectors go into {@code acc}; returns where the partial last vector starts.
     */
    static int mapExpReduceSum(float[] x, int o, int n, float max, float[] acc) {
        FloatVector a = Sleef32Vec.exp(FloatVector.fromArray(F, x, o).sub(max));
        int d = LANES;
        for (; d < n - (n % LANES); d += LANES) {
            a = a.add(Sleef32Vec.exp(FloatVector.fromArray(F, x, o + d).sub(max)));
        }
        a.intoArray(acc, 0);
        return d;
    }

    /**
     * {@code vec::reduce_all} with {@code vec::maximum}'s vector part, n &gt;= 8 (Float32Softmax.maximum lane by
     * lane: NaN in either gives all ones, else the first if greater, else the second); as mapExpReduceSum.
     * A lane that has met a NaN stays all ones to the end (all ones is a NaN), so the NaN test is kept beside the
     * chain, in {@code nan} (each lane the last NaN it met, if any), and applied once at the end: the chain from
     * one vector to the next is then a compare and a blend, not also two tests, an or and a second blend (0.13
     * against 0.08 ms of CPU over a 512x1000 tensor's rows, eleventh session; a loop-carried VectorMask instead of
     * {@code nan} measured 0.33). Lanes with no NaN are the same chain of the same comparisons.
     */
    static int reduceMax(float[] x, int o, int n, float[] acc) {
        FloatVector a = FloatVector.fromArray(F, x, o), nan = a;
        int d = LANES;
        for (; d < n - (n % LANES); d += LANES) {
            FloatVector b = FloatVector.fromArray(F, x, o + d);
            a = b.blend(a, a.compare(VectorOperators.GT, b));
            nan = nan.blend(b, b.test(VectorOperators.IS_NAN));
        }
        a.blend(Sleef32.ALL_ONES, nan.test(VectorOperators.IS_NAN)).intoArray(acc, 0);
        return d;
    }

    /** {@code vec::reduce_all} with +, its vector part (n &gt;= 8), as mapExpReduceSum. */
    static int reduceSum(float[] x, int o, int n, float[] acc) {
        FloatVector a = FloatVector.fromArray(F, x, o);
        int d = LANES;
        for (; d < n - (n % LANES); d += LANES) a = a.add(FloatVector.fromArray(F, x, o + d));
        a.intoArray(acc, 0);
        return d;
    }

    /**
     * relu's vector body, {@code x < 0 ? 0 : x} by a lane mask and a blend (branch-free): -0.0 and NaN are not
     * below 0, so they pass unchanged, as in the scalar loop.
     */
    static int relu(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int body = n - n % LANES;
        FloatVector zero = FloatVector.zero(F);
        for (int i = 0; i < body; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            x.blend(zero, x.compare(VectorOperators.LT, zero)).intoArray(dst, dstOff + i);
        }
        return body;
    }

    /** threshold_backward's vector body: {@code y <= 0 ? 0 : g}, so a NaN result lets the gradient through. */
    static int thresholdBackward(float[] g, int gOff, float[] y, int yOff, float[] dst, int dstOff, int n) {
        int body = n - n % LANES;
        FloatVector zero = FloatVector.zero(F);
        for (int i = 0; i < body; i += LANES) {
            VectorMask<Float> masked = FloatVector.fromArray(F, y, yOff + i).compare(VectorOperators.LE, zero);
            FloatVector.fromArray(F, g, gOff + i).blend(zero, masked).intoArray(dst, dstOff + i);
        }
        return body;
    }

    // ---- Float32Arith's vector bodies: o = a op b, b a same-length run (bs 1) or one broadcast element (bs 0) ----

    static int add(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        int body = n - n % LANES;
        if (bs == 0) {
            FloatVector y = FloatVector.broadcast(F, b[bo]);
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).add(y).intoArray(o, oo + i);
        } else {
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return body;
    }

    static int sub(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        int body = n - n % LANES;
        if (bs == 0) {
            FloatVector y = FloatVector.broadcast(F, b[bo]);
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).sub(y).intoArray(o, oo + i);
        } else {
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return body;
    }

    static int mul(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        int body = n - n % LANES;
        if (bs == 0) {
            FloatVector y = FloatVector.broadcast(F, b[bo]);
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).mul(y).intoArray(o, oo + i);
        } else {
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).mul(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return body;
    }

    static int div(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        int body = n - n % LANES;
        if (bs == 0) {
            FloatVector y = FloatVector.broadcast(F, b[bo]);
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).div(y).intoArray(o, oo + i);
        } else {
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, a, ao + i).div(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return body;
    }

    /** {@code fma(b, alpha, a)} per lane, as the scalar Math.fma. */
    static int addAlpha(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n, float alpha) {
        int body = n - n % LANES;
        FloatVector al = FloatVector.broadcast(F, alpha);
        if (bs == 0) {
            FloatVector y = FloatVector.broadcast(F, b[bo]);
            for (int i = 0; i < body; i += LANES) y.fma(al, FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        } else {
            for (int i = 0; i < body; i += LANES) FloatVector.fromArray(F, b, bo + i).fma(al, FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        }
        return body;
    }

    /**
     * Float32Reduce.multiRowSum's flat case of 4 rows of 8 lanes (every contiguous sum, and sums over dim 0 of a
     * contiguous matrix, 32 columns at a time): element (i, k, l) at {@code base + i * rowStride + k * 8 + l}, the
     * same 4-level cascade, each of its 32 accumulators now a lane of 4 vectors per level held in registers (the
     * scalar loop kept them in arrays, loaded and stored every step). Lanes are independent, so the bits are the
     * scalar loop's. Result: {@code out[outOff + k * 8 + l]}.
     */
    static void multiRowSum4x8(float[] src, int base, int rowStride, int size, int levelPower, float[] out, int outOff) {
        multiRowSum4x8(src, base, rowStride, 0, size, levelPower, null, out, outOff);
    }

    /**
     * multiRowSum4x8 from step {@code from}, a multiple of {@link #cascadeBlock}'s steps, with the top level's 32
     * accumulators {@code top} as the steps before it left them (null: zeros, from step 0): the lower levels are
     * zero at such a step, so this is the rest of the same cascade (SumSplit hands the blocks before it to the pool).
     */
    static void multiRowSum4x8(float[] src, int base, int rowStride, int from, int size, int levelPower, float[] top, float[] out, int outOff) {
        FloatVector z = FloatVector.zero(F);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
        FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
        if (top != null) {
            a30 = FloatVector.fromArray(F, top, 0);
            a31 = FloatVector.fromArray(F, top, LANES);
            a32 = FloatVector.fromArray(F, top, 2 * LANES);
            a33 = FloatVector.fromArray(F, top, 3 * LANES);
        }
        int levelStep = 1 << levelPower;
        long levelMask = levelStep - 1;
        int i = from;
        while (i + levelStep <= size) {
            for (int j = 0; j < levelStep; j++, i++) {
                int b = base + i * rowStride;
                a00 = a00.add(FloatVector.fromArray(F, src, b));
                a01 = a01.add(FloatVector.fromArray(F, src, b + LANES));
                a02 = a02.add(FloatVector.fromArray(F, src, b + 2 * LANES));
                a03 = a03.add(FloatVector.fromArray(F, src, b + 3 * LANES));
            }
            a10 = a10.add(a00);
            a11 = a11.add(a01);
            a12 = a12.add(a02);
            a13 = a13.add(a03);
            a00 = z;
            a01 = z;
            a02 = z;
            a03 = z;
            if ((i & (levelMask << levelPower)) != 0) continue;
            a20 = a20.add(a10);
            a21 = a21.add(a11);
            a22 = a22.add(a12);
            a23 = a23.add(a13);
            a10 = z;
            a11 = z;
            a12 = z;
            a13 = z;
            if ((i & (levelMask << (2 * levelPower))) != 0) continue;
            a30 = a30.add(a20);
            a31 = a31.add(a21);
            a32 = a32.add(a22);
            a33 = a33.add(a23);
            a20 = z;
            a21 = z;
            a22 = z;
            a23 = z;
        }
        for (; i < size; i++) {
            int b = base + i * rowStride;
            a00 = a00.add(FloatVector.fromArray(F, src, b));
            a01 = a01.add(FloatVector.fromArray(F, src, b + LANES));
            a02 = a02.add(FloatVector.fromArray(F, src, b + 2 * LANES));
            a03 = a03.add(FloatVector.fromArray(F, src, b + 3 * LANES));
        }
        // v = a0; v += a1; v += a2; v += a3, per lane
        a00.add(a10).add(a20).add(a30).intoArray(out, outOff);
        a01.add(a11).add(a21).add(a31).intoArray(out, outOff + LANES);
        a02.add(a12).add(a22).add(a32).intoArray(out, outOff + 2 * LANES);
        a03.add(a13).add(a23).add(a33).intoArray(out, outOff + 3 * LANES);
    }

    /** Steps in one of the cascade's top-level blocks: the third level flushes into the top one after each. */
    static int cascadeBlock(int levelPower) {
        return 1 << (3 * levelPower);
    }

    /**
     * What each whole top-level block {@code [fromBlock, toBlock)} of multiRowSum4x8's cascade adds into its top
     * level, into {@code out[b * 32 + k]}: the same loop run over the block alone from a zero top level. Each block
     * starts with its lower levels at zero (they flushed at the block before's end) and walks the same steps with the
     * same flushes (at the same absolute step numbers), so its top level ends as +0 plus the values the one-thread
     * loop adds (a -0 among them read as +0, which the caller's +0-started top level cannot tell apart), in any order
     * of blocks and on any thread.
     */
    static void multiRowSum4x8Blocks(float[] src, int base, int rowStride, int levelPower, int fromBlock, int toBlock, float[] out) {
        int blockSteps = cascadeBlock(levelPower);
        for (int blk = fromBlock; blk < toBlock; blk++) {
            multiRowSum4x8(src, base, rowStride, blk * blockSteps, (blk + 1) * blockSteps, levelPower, null, out, blk * 4 * LANES);
        }
    }
}
