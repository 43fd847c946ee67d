// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The float64 lanes give the same bits, NaN payloads and signs included, in the interpreter ({@code -Xint}), under
 * C1 alone ({@code -XX:TieredStopAtLevel=1}), without the FMA intrinsic ({@code -XX:-UseFMA}) and after C2 has
 * compiled them (this JVM, after a warm-up loop): a NaN
 * result must not depend on which operand of a two-NaN operation the JIT puts first, nor on how it negates.
 * Inputs: NaNs with payloads and signs (quiet and signalling), infinities, zeros, and finite values below the
 * Payne-Hanek range (whose table, built in BigDecimal, takes the interpreter 10 s); Float64MathTest checks the same
 * lanes' bits against PyTorch.
 */
class Float64JitModesTest {
    private static final double[] INPUTS = inputs();

    private static double[] inputs() {
        long[] nans = {0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff8000000000123L, 0xfff8000000000001L, 0x7ff4000000000001L, -1L};
        List<Double> v = new ArrayList<>();
        for (long b : nans) v.add(Double.longBitsToDouble(b));
        for (double d : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 5e-324, 1e-300, 0.3, -0.7,
            1.0, -1.0, 2.5, -14.0, 16.5, 1e5, -3e13, 709.0, -745.0, 30.0}) v.add(d);
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Every lane on every input (pow and atan2 on every pair), as hex bits. */
    static String bits() {
        StringBuilder sb = new StringBuilder();
        for (double x : INPUTS) {
            double[] r = {Sleef64Trig.sin(x), Sleef64Trig.cos(x), Sleef64Trig.tan(x), Sleef64Trig.asin(x), Sleef64Trig.acos(x),
                Sleef64Trig.atan(x), Sleef64Exp.tanh(x), Sleef64Exp.sinh(x), Sleef64Exp.cosh(x), Sleef64Exp.expm1(x),
                Sleef64Exp.log1p(x), Sleef64Exp.log2(x), Sleef64Exp.log10(x), Sleef64Erf.erf(x), Sleef64Erf.erfc(x),
                Float64Unary.sigmoid(x), Float64Unary.sigmoidScalar(x), Glibc64Hyp.sinh(x), Glibc64Hyp.cosh(x), Sleef64.exp(x),
                Sleef64.log(x)};
            for (double d : r) sb.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(',');
            for (int j = 0; j < INPUTS.length; j += 3) {
                double y = INPUTS[j];
                sb.append(Long.toHexString(Double.doubleToRawLongBits(Sleef64Exp.pow(x, y)))).append(',')
                        .append(Long.toHexString(Double.doubleToRawLongBits(Glibc64Pow.pow(x, y)))).append(',')
                        .append(Long.toHexString(Double.doubleToRawLongBits(Sleef64Trig.atan2(x, y)))).append(',')
                        .append(Long.toHexString(Double.doubleToRawLongBits(Float64Binary.atan2Scalar(x, y)))).append(',');
            }
        }
        return sb.toString();
    }

    /** Run in a child JVM: prints the bits. */
    public static void main(String[] args) {
        System.out.println(bits());
    }

    private static String child(String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Float64JitModesTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "child JVM " + cmd + " failed");
        return out.trim();
    }

    @Test
    void interpreterC1AndC2GiveTheSameBits() throws Exception {
        // warm up until C2 has compiled the lanes in this JVM, then compare with fresh interpreted and C1-only JVMs
        double sink = 0;
        for (int i = 0; i < 20000; i++) {
            for (double x : INPUTS) {
                sink += Sleef64Trig.sin(x) + Sleef64Trig.cos(x) + Sleef64Trig.tan(x) + Sleef64Trig.asin(x) + Sleef64Trig.acos(x)
                        + Sleef64Trig.atan(x) + Sleef64Exp.tanh(x) + Sleef64Exp.sinh(x) + Sleef64Exp.cosh(x) + Sleef64Exp.expm1(x)
                        + Sleef64Exp.log1p(x) + Sleef64Exp.log2(x) + Sleef64Exp.log10(x) + Sleef64Erf.erf(x) + Sleef64Erf.erfc(x)
                        + Float64Unary.sigmoid(x) + Float64Unary.sigmoidScalar(x) + Glibc64Hyp.sinh(x) + Glibc64Hyp.cosh(x)
                        + Sleef64.exp(x) + Sleef64.log(x) + Sleef64Exp.pow(x, 1.5) + Glibc64Pow.pow(x, -2.5)
                        + Sleef64Trig.atan2(x, 0.3) + Float64Binary.atan2Scalar(x, -2.0);
            }
        }
        String warm = bits() + (sink == 42 ? "!" : "");
        assertEquals(warm, child("-Xint"), "interpreter");
        assertEquals(warm, child("-XX:TieredStopAtLevel=1"), "C1");
        // without the FMA intrinsic Math.fma is exact Java code that returns the canonical NaN for NaN operands:
        // no lane lets a NaN reach it, so the bits stay the same there too
        assertEquals(warm, child("-XX:-UseFMA"), "-XX:-UseFMA");
    }
}
