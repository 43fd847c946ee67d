// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.math.Glibc64Hyp;
import io.gradbook.autograd.math.Glibc64Pow;
import io.gradbook.autograd.math.Sleef64;
import io.gradbook.autograd.math.Sleef64Erf;
import io.gradbook.autograd.math.Sleef64Exp;
import io.gradbook.autograd.math.Sleef64Trig;
import java.util.SplittableRandom;

/**
 * The float64 transcendental lanes (PyTorch's SLEEF algorithms and glibc's scalar code, io.gradbook.autograd.math)
 * against the Java functions the engine used before (Math.*), on 10^6 doubles, one thread, single-thread CPU ns per
 * element, the two loops measured back to back in this process (median of 7 after 5 warm-up runs), each a direct
 * call in its own loop as the engine's float64 loops make them. Run from the repository root after
 * {@code mvn -q -pl autograd-core compile}:
 * {@code javac -d bench/out -cp autograd-core/target/classes bench/Float64MathBench.java && java -cp autograd-core/target/classes:bench/out Float64MathBench}
 */
public final class Float64MathBench {
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    static final int N = 1_000_000;
    static final double LN2 = Math.log(2);
    static final String[] OPS = {"sin", "cos", "tan", "tanh", "sigmoid", "expm1", "log1p", "log2", "log10", "asin", "acos", "atan", "sinh", "cosh", "sinh (scalar code: glibc)", "erf", "erfc", "pow(x, 1.5)", "pow(x, 1.5) scalar code: glibc", "pow(x, y)", "atan2(x, y)"};
    static double[] x = new double[N], unit = new double[N], pos = new double[N], e = new double[N], y = new double[N];

    static void run(int op, boolean sleef) {
        switch (op) {
            case 0:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Trig.sin(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.sin(v); }
                return;
            case 1:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Trig.cos(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.cos(v); }
                return;
            case 2:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Trig.tan(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.tan(v); }
                return;
            case 3:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Exp.tanh(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.tanh(v); }
                return;
            case 4:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = 1.0 / (Sleef64.exp(0.0 - v) + 1.0); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = 1 / (1 + Math.exp(-v)); }
                return;
            case 5:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Exp.expm1(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.expm1(v); }
                return;
            case 6:
                if (sleef) for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Sleef64Exp.log1p(v); }
                else for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Math.log1p(v); }
                return;
            case 7:
                if (sleef) for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Sleef64Exp.log2(v); }
                else for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Math.log(v) / LN2; }
                return;
            case 8:
                if (sleef) for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Sleef64Exp.log10(v); }
                else for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Math.log10(v); }
                return;
            case 9:
                if (sleef) for (int i = 0; i < N; i++) { double v = unit[i], w = e[i]; y[i] = Sleef64Trig.asin(v); }
                else for (int i = 0; i < N; i++) { double v = unit[i], w = e[i]; y[i] = Math.asin(v); }
                return;
            case 10:
                if (sleef) for (int i = 0; i < N; i++) { double v = unit[i], w = e[i]; y[i] = Sleef64Trig.acos(v); }
                else for (int i = 0; i < N; i++) { double v = unit[i], w = e[i]; y[i] = Math.acos(v); }
                return;
            case 11:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Trig.atan(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.atan(v); }
                return;
            case 12:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Exp.sinh(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.sinh(v); }
                return;
            case 13:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Exp.cosh(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.cosh(v); }
                return;
            case 14:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Glibc64Hyp.sinh(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = StrictMath.sinh(v); }
                return;
            case 15:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Erf.erf(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Double.NaN; }
                return;
            case 16:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Erf.erfc(v); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Double.NaN; }
                return;
            case 17:
                if (sleef) for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Sleef64Exp.pow(v, 1.5); }
                else for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Math.pow(v, 1.5); }
                return;
            case 18:
                if (sleef) for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Glibc64Pow.pow(v, 1.5); }
                else for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Math.pow(v, 1.5); }
                return;
            case 19:
                if (sleef) for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Sleef64Exp.pow(v, w); }
                else for (int i = 0; i < N; i++) { double v = pos[i], w = e[i]; y[i] = Math.pow(v, w); }
                return;
            case 20:
                if (sleef) for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Sleef64Trig.atan2(v, w); }
                else for (int i = 0; i < N; i++) { double v = x[i], w = e[i]; y[i] = Math.atan2(v, w); }
                return;
            default: throw new IllegalArgumentException();
        }
    }

    static double nsPerElement(int op, boolean sleef) {
        for (int i = 0; i < 5; i++) run(op, sleef);
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long s = CPU.getCurrentThreadCpuTime();
            run(op, sleef);
            t[i] = (CPU.getCurrentThreadCpuTime() - s) / (double) N;
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }

    public static void main(String[] args) {
        SplittableRandom rnd = new SplittableRandom(64);
        for (int i = 0; i < N; i++) {
            x[i] = rnd.nextGaussian() * 3;
            unit[i] = rnd.nextDouble() * 2 - 1;
            pos[i] = rnd.nextDouble() * 10 + 1e-3;
            e[i] = rnd.nextDouble() * 6 - 3;
        }
        System.out.println("op\tMath ns/elem\tPyTorch's algorithm ns/elem");
        for (int op = 0; op < OPS.length; op++) {
            boolean none = OPS[op].startsWith("erf");
            String before = none ? "-" : String.format("%.1f", nsPerElement(op, false));
            System.out.printf("%s\t%s\t%.1f%n", OPS[op], before, nsPerElement(op, true));
        }
    }
}
