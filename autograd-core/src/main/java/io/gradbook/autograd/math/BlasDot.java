// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Dot products in the summation order of the BLAS that PyTorch 1.13.1 calls for {@code torch.dot}
 * ({@code at::native::dot} hands float and double vectors with their strides to {@code sdot_}/{@code ddot_}):
 * OpenBLAS 0.3.21's x86_64 kernels {@code kernel/x86_64/sdot.c} and {@code ddot.c} with their Haswell micro-kernels
 * (what Debian's build runs on an AVX2+FMA CPU, or with {@code OPENBLAS_CORETYPE=Haswell}). Same lanes, same
 * accumulators, the same fused multiply-adds and the same reductions, so the results are the same bits
 * (BlasDotOracleTest). Only the assembly micro-kernels fuse; the C around them (tails, strided loops) is compiled
 * without FMA in Debian's multi-architecture build, so its products round before they are added (an FMA there
 * fails the recording).
 *
 * <p>A float64 dot of more than 10,000 elements with no zero stride OpenBLAS splits over its threads (ddot.c's SMP
 * path, blas_level1_thread_with_return_value): {@link #ddot} sums each thread's part as that thread does and adds
 * the parts in thread order, as PyTorch's OpenBLAS does on the reference machine's 2 cores ({@code
 * TorchBlas.THREADS}; since the tenth session). Float32 sdot runs on one thread at every length (the same bits with 1
 * and 2 threads, measured).
 */
public final class BlasDot {
    private BlasDot() {}

    /**
     * {@code sum x[xOff + i * incx] * y[yOff + i * incy]} over {@code n} elements, as OpenBLAS's sdot sums it: unit
     * strides run the micro-kernel over the first {@code n & -32} elements (4 accumulators of 8 float lanes, fused
     * multiply-adds, then halves, accumulators and lanes added pairwise) and add the rest in double after float
     * products; other strides add pairs of products into a double. The double rounds to float once, at the end.
     * Strides are PyTorch's (never negative); n == 1 counts as unit strides, as PyTorch passes it.
     */
    public static float sdot(int n, float[] x, int xOff, int incx, float[] y, int yOff, int incy) {
        if (n <= 0) return 0f;
        if (n == 1) incx = incy = 1;
        double dot = 0;
        int i = 0;
        if (incx == 1 && incy == 1) {
            int n1 = n & -32;
            float kernel = n1 > 0 ? sdotKernel32(n1, x, xOff, y, yOff) : 0f;
            for (i = n1; i < n; i++) dot += y[yOff + i] * x[xOff + i];
            dot += kernel;
            return (float) dot;
        }
        int n1 = n & -2, ix = xOff, iy = yOff;
        for (; i < n1; i += 2, ix += 2 * incx, iy += 2 * incy) {
            dot += y[iy] * x[ix] + y[iy + incy] * x[ix + incx]; // the pair summed in float
        }
        for (; i < n; i++, ix += incx, iy += incy) dot += y[iy] * x[ix];
        return (float) dot;
    }

    /** sdot_microk_haswell-2.c: n a multiple of 32, unit strides. */
    private static float sdotKernel32(int n, float[] x, int xo, float[] y, int yo) {
        float[] acc = new float[32]; // ymm4..ymm7, 8 lanes each: acc[8 * r + lane]
        for (int i = 0; i < n; i += 32) {
            for (int j = 0; j < 32; j++) acc[j] = Math.fma(x[xo + i + j], y[yo + i + j], acc[j]);
        }
        float[] s = new float[4];
        for (int lane = 0; lane < 4; lane++) {
            // vextractf128 + vaddps per register, then (4 + 5) + (6 + 7)
            float r4 = acc[lane] + acc[lane + 4], r5 = acc[8 + lane] + acc[12 + lane];
            float r6 = acc[16 + lane] + acc[20 + lane], r7 = acc[24 + lane] + acc[28 + lane];
            s[lane] = (r4 + r5) + (r6 + r7);
        }
        return (s[0] + s[1]) + (s[2] + s[3]); // two vhaddps
    }

    /**
     * The same for double, as OpenBLAS's ddot sums it: over 10,000 elements with no zero stride in parts of
     * {@code ceil(left / threadsLeft)} elements, one per thread, each summed as below, added to 0 in thread order.
     */
    public static double ddot(int n, double[] x, int xOff, int incx, double[] y, int yOff, int incy) {
        int threads = TorchBlas.THREADS;
        if (n <= 10000 || incx == 0 || incy == 0 || threads == 1) return ddotOneThread(n, x, xOff, incx, y, yOff, incy);
        double dot = 0;
        int left = n, start = 0;
        for (int part = 0; part < threads && left > 0; part++) {
            int width = (left + threads - part - 1) / (threads - part);
            left -= width;
            if (left < 0) width += left;
            dot += ddotOneThread(width, x, xOff + start * incx, incx, y, yOff + start * incy, incy);
            start += width;
        }
        return dot;
    }

    /**
     * One thread's ddot: unit strides run the micro-kernel over the first {@code n & -16} elements (4 accumulators of
     * 4 double lanes, fused), then add the rest one product at a time; other strides keep two sums, of products 0 and
     * 2 and of 1 and 3 of every four.
     */
    private static double ddotOneThread(int n, double[] x, int xOff, int incx, double[] y, int yOff, int incy) {
        if (n <= 0) return 0;
        if (n == 1) incx = incy = 1;
        int i = 0;
        if (incx == 1 && incy == 1) {
            int n1 = n & -16;
            double dot = n1 > 0 ? ddotKernel16(n1, x, xOff, y, yOff) : 0;
            for (i = n1; i < n; i++) dot += y[yOff + i] * x[xOff + i];
            return dot;
        }
        double temp1 = 0, temp2 = 0;
        int n1 = n & -4, ix = xOff, iy = yOff;
        for (; i < n1; i += 4, ix += 4 * incx, iy += 4 * incy) {
            double m1 = y[iy] * x[ix], m2 = y[iy + incy] * x[ix + incx];
            double m3 = y[iy + 2 * incy] * x[ix + 2 * incx], m4 = y[iy + 3 * incy] * x[ix + 3 * incx];
            temp1 += m1 + m3;
            temp2 += m2 + m4;
        }
        for (; i < n; i++, ix += incx, iy += incy) temp1 += y[iy] * x[ix];
        return temp1 + temp2;
    }

    /** ddot_microk_haswell-2.c: n a multiple of 16, unit strides. */
    private static double ddotKernel16(int n, double[] x, int xo, double[] y, int yo) {
        double[] acc = new double[16]; // ymm4..ymm7, 4 lanes each
        for (int i = 0; i < n; i += 16) {
            for (int j = 0; j < 16; j++) acc[j] = Math.fma(x[xo + i + j], y[yo + i + j], acc[j]);
        }
        double[] s = new double[2];
        for (int lane = 0; lane < 2; lane++) {
            double r4 = acc[lane] + acc[lane + 2], r5 = acc[4 + lane] + acc[6 + lane];
            double r6 = acc[8 + lane] + acc[10 + lane], r7 = acc[12 + lane] + acc[14 + lane];
            s[lane] = (r4 + r5) + (r6 + r7);
        }
        return s[0] + s[1]; // vhaddpd
    }
}
