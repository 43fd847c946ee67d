// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's {@code linspace} and {@code arange} values on CPU (AVX2 build), bit for bit
 * ({@code RangeFactoriesKernel.cpp}): the kernel fills 16 elements at a time with {@code Vectorized::arange(base, step)}
 * (lane k = {@code base + k * step}) and the last {@code n % 16} with the scalar formula. GCC fused some of the
 * multiply-adds ({@code -mfma}), which {@link Math#fma} reproduces; measured against PyTorch: the vector base and the
 * scalar formula are fused everywhere, the lanes of linspace are not, the (double) lanes of arange are.
 * <ul>
 * <li>linspace: {@code step = (end - start) / (steps - 1)} in the dtype; the first half counts up from start
 *     ({@code start + step * i}), the second half down from end ({@code end - step * (steps - i - 1)}), the half
 *     decided per vector by its first index.</li>
 * <li>arange: {@code ceil((end - start) / step)} elements, {@code start + step * i} computed in double
 *     (PyTorch's CPU accumulate type), the vector lanes from a base rounded to the dtype first.</li>
 * </ul>
 * Contract:
 * <pre>
 * public static float[] linspace(double start, double end, int steps)
 * public static float[] arange(double start, double end, double step)
 * public static double[] linspace64(double start, double end, int steps)
 * public static double[] arange64(double start, double end, double step)
 * </pre>
 * <pre>
 * jshell&gt; Float32Ranges.linspace(0, 1, 5)
 * $1 ==&gt; float[5] { 0.0, 0.25, 0.5, 0.75, 1.0 }
 * </pre>
 */
public final class Float32Ranges {
    private Float32Ranges() {}

    /** cpu_serial_kernel_vec's step: two vectors. */
    private static final int STEP = 16;

    /** {@code torch.linspace(start, end, steps)} in float32. */
    public static float[] linspace(double start, double end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative");
        float[] out = new float[steps];
        if (steps == 0) return out;
        float s = (float) start, e = (float) end;
        if (steps == 1) {
            out[0] = s;
            return out;
        }
        float step = (e - s) / (float) (steps - 1);
        int halfway = steps / 2;
        int body = steps - steps % STEP;
        for (int idx = 0; idx < body; idx += 8) {
            float base = idx < halfway ? Math.fma(step, (float) idx, s) : Math.fma(-step, (float) (steps - idx - 1), e);
            for (int k = 0; k < 8; k++) out[idx + k] = base + (float) k * step;
        }
        for (int idx = body; idx < steps; idx++) {
            out[idx] = idx < halfway ? Math.fma(step, (float) idx, s) : Math.fma(-step, (float) (steps - idx - 1), e);
        }
        return out;
    }

    /** {@code torch.arange(start, end, step)} in float32. */
    public static float[] arange(double start, double end, double step) {
        int n = arangeSize(start, end, step);
        float[] out = new float[n];
        int body = n - n % STEP;
        for (int idx = 0; idx < body; idx += 8) {
            float base = (float) Math.fma(step, idx, start);
            for (int k = 0; k < 8; k++) out[idx + k] = (float) Math.fma(k, step, base);
        }
        for (int idx = body; idx < n; idx++) out[idx] = (float) Math.fma(step, idx, start);
        return out;
    }

    /** {@code torch.linspace(start, end, steps, dtype=torch.float64)}: 4-lane vectors, same structure. */
    public static double[] linspace64(double start, double end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative");
        double[] out = new double[steps];
        if (steps == 0) return out;
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        double step = (end - start) / (double) (steps - 1);
        int halfway = steps / 2;
        int vstep = 8; // two vectors of 4
        int body = steps - steps % vstep;
        for (int idx = 0; idx < body; idx += 4) {
            double base = idx < halfway ? Math.fma(step, idx, start) : Math.fma(-step, steps - idx - 1, end);
            for (int k = 0; k < 4; k++) out[idx + k] = base + k * step;
        }
        for (int idx = body; idx < steps; idx++) {
            out[idx] = idx < halfway ? Math.fma(step, idx, start) : Math.fma(-step, steps - idx - 1, end);
        }
        return out;
    }

    /** {@code torch.arange(start, end, step, dtype=torch.float64)}. */
    public static double[] arange64(double start, double end, double step) {
        int n = arangeSize(start, end, step);
        double[] out = new double[n];
        int body = n - n % 8;
        for (int idx = 0; idx < body; idx += 4) {
            double base = Math.fma(step, idx, start);
            for (int k = 0; k < 4; k++) out[idx + k] = Math.fma(k, step, base);
        }
        for (int idx = body; idx < n; idx++) out[idx] = Math.fma(step, idx, start);
        return out;
    }

    /** {@code arange_out}'s size and checks, with PyTorch's messages. */
    static int arangeSize(double start, double end, double step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("unsupported range: " + start + " -> " + end);
        }
        if (!((step > 0 && end >= start) || (step < 0 && end <= start))) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        double size = Math.ceil((end - start) / step);
        if (!(size >= 0 && size <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("invalid size, possible overflow?");
        }
        return (int) size;
    }
}
