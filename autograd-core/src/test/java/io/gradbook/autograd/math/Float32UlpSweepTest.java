// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Accuracy sweep: 10^6 random inputs per op (2x10^5 for the extra ranges, 10^4 for erf, whose reference is a slow series) through the array
 * kernels, against a double-precision reference from StrictMath. PyTorch's float32 functions are 1-ULP class
 * (SLEEF u10: at most 1 ULP; glibc's float code about 1-2 ULP; sigmoid composes exp, an add and a divide), so
 * the max error must stay within that class. This proves the ports are the accurate algorithms and not merely
 * agreeing with the golden samples.
 */
class Float32UlpSweepTest {
    static final int N = 1_000_000;

    interface Kernel {
        void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
    }

    record Sweep(String name, Kernel kernel, DoubleUnaryOperator reference, double lo, double hi, boolean logUniform,
                 double maxUlp, int n) {}

    static List<Sweep> sweeps() {
        List<Sweep> s = new ArrayList<>();
        s.add(new Sweep("exp", Float32Unary::exp, StrictMath::exp, -103, 88.7, false, 1.0, N));
        s.add(new Sweep("expm1", Float32Unary::expm1, StrictMath::expm1, -17, 88.7, false, 1.0, N));
        s.add(new Sweep("log", Float32Unary::log, StrictMath::log, 1e-37, 3e38, true, 1.0, N));
        s.add(new Sweep("log near 1", Float32Unary::log, StrictMath::log, 0.5, 2, false, 1.0, N / 5));
        s.add(new Sweep("log2", Float32Unary::log2, x -> StrictMath.log(x) / StrictMath.log(2), 1e-37, 3e38, true, 1.0, N));
        s.add(new Sweep("log10", Float32Unary::log10, StrictMath::log10, 1e-37, 3e38, true, 1.0, N));
        s.add(new Sweep("log1p", Float32Unary::log1p, StrictMath::log1p, -0.999, 1e30, false, 1.0, N));
        s.add(new Sweep("log1p small", Float32Unary::log1p, StrictMath::log1p, 1e-20, 10, true, 1.0, N / 5));
        s.add(new Sweep("sin", Float32Unary::sin, StrictMath::sin, -124, 124, false, 1.0, N));
        s.add(new Sweep("cos", Float32Unary::cos, StrictMath::cos, -124, 124, false, 1.0, N));
        s.add(new Sweep("sin large", Float32Unary::sin, StrictMath::sin, 125, 1e7, true, 1.0, N / 5));
        s.add(new Sweep("cos large", Float32Unary::cos, StrictMath::cos, 125, 1e7, true, 1.0, N / 5));
        s.add(new Sweep("tanh", Float32Unary::tanh, StrictMath::tanh, -10, 10, false, 1.0, N));
        s.add(new Sweep("sigmoid", Float32Unary::sigmoid, x -> 1 / (1 + StrictMath.exp(-x)), -30, 30, false, 2.5, N));
        s.add(new Sweep("atan", Float32Unary::atan, StrictMath::atan, -1e4, 1e4, false, 1.0, N));
        // SLEEF's sinhf/coshf overflow to inf a little early (|x| > ~88.72, true value still finite), as PyTorch prints
        s.add(new Sweep("sinh", Float32Unary::sinh, StrictMath::sinh, -88.7, 88.7, false, 2.0, N));
        s.add(new Sweep("cosh", Float32Unary::cosh, StrictMath::cosh, -88.7, 88.7, false, 2.0, N));
        s.add(new Sweep("asinh", Float32Unary::asinh, Float32UlpSweepTest::asinh, -1e4, 1e4, false, 2.0, N));
        s.add(new Sweep("atanh", Float32Unary::atanh, x -> 0.5 * StrictMath.log1p(2 * x / (1 - x)), -0.999, 0.999, false, 2.0, N));
        s.add(new Sweep("asin", Float32Unary::asin, StrictMath::asin, -1, 1, false, 1.0, N));
        s.add(new Sweep("acos", Float32Unary::acos, StrictMath::acos, -1, 1, false, 1.0, N));
        s.add(new Sweep("erf", Float32Unary::erf, Float32UlpSweepTest::erf, -4.5, 4.5, false, 1.0, 10_000));
        return s;
    }

    static double asinh(double x) {
        double a = Math.abs(x);
        double r = StrictMath.log1p(a + a * a / (1 + StrictMath.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    /** erf by its Taylor series in 60-digit decimals (exact enough for a float reference on |x| &lt;= 4.5). */
    static double erf(double x) {
        MathContext mc = new MathContext(60);
        BigDecimal bx = new BigDecimal(x), x2 = bx.multiply(bx, mc);
        BigDecimal term = bx, sum = bx;
        for (int n = 1; n < 400; n++) {
            term = term.multiply(x2, mc).divide(BigDecimal.valueOf(n), mc).negate();
            BigDecimal t = term.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(t, mc);
            if (t.abs().compareTo(new BigDecimal("1e-40")) < 0) break;
        }
        return sum.multiply(new BigDecimal("1.1283791670955125738961589031215451716881012586580"), mc).doubleValue();
    }

    static double ulpError(float got, double ref) {
        if (Double.isNaN(ref)) return Float.isNaN(got) ? 0 : Double.POSITIVE_INFINITY;
        float rf = (float) ref;
        if (Float.isInfinite(rf)) return got == rf ? 0 : Double.POSITIVE_INFINITY;
        double ulp = Math.ulp(rf);
        // just below a power of two the float grid halves: measure in the finer unit
        if (Math.abs(ref) < Math.abs(rf)) ulp = Math.min(ulp, Math.ulp(Math.nextDown(Math.abs(rf))));
        return Math.abs(got - ref) / ulp;
    }

    @TestFactory
    List<DynamicTest> maxUlpErrorWithinPyTorchsClass() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Sweep sw : sweeps()) {
            tests.add(DynamicTest.dynamicTest(sw.name(), () -> {
                SplittableRandom rnd = new SplittableRandom(sw.name().hashCode());
                float[] x = new float[sw.n()], y = new float[sw.n()];
                for (int i = 0; i < x.length; i++) {
                    double u = rnd.nextDouble();
                    double v = sw.logUniform()
                        ? Math.exp(Math.log(sw.lo()) + u * (Math.log(sw.hi()) - Math.log(sw.lo())))
                        : sw.lo() + u * (sw.hi() - sw.lo());
                    if (sw.name().endsWith("large") && rnd.nextBoolean()) v = -v; // both signs of big arguments
                    x[i] = (float) v;
                }
                sw.kernel().apply(x, 0, y, 0, x.length);
                double max = 0;
                int exact = 0;
                float worst = 0;
                for (int i = 0; i < x.length; i++) {
                    double ref = sw.reference().applyAsDouble(x[i]);
                    double e = ulpError(y[i], ref);
                    if (e > max) { max = e; worst = x[i]; }
                    if (y[i] == (float) ref) exact++;
                }
                System.out.printf("ulp %-12s max %.3f ULP (at x=%s), correctly rounded %.2f%% of %d%n",
                    sw.name(), max, worst, 100.0 * exact / x.length, x.length);
                assertTrue(max <= sw.maxUlp(), sw.name() + ": max error " + max + " ULP at x=" + worst + " exceeds " + sw.maxUlp());
            }));
        }
        return tests;
    }
}
