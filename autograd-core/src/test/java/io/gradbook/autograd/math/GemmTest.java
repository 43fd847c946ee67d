// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.math.Gemm.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both paths of {@link Gemm} (Java forced, OpenBLAS forced) against a naive product computed in double precision:
 * every transpose combination, offsets, leading dimensions wider than the rows, odd sizes, alpha and beta, and
 * the elements of C outside the product left alone. Float results must lie within BLAS's error bound of the exact
 * product: (k + 2) float ulps of the sum of |terms|.
 */
class GemmTest {
    static final float NAN_PAD = Float.NaN;

    /** One product's shape and layout. Padding: extra columns per row (ld = cols + pad) and a leading offset. */
    record Case(boolean transA, boolean transB, int m, int n, int k, int pad, int off, double alpha, double beta) {}

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[] sizes = {1, 2, 3, 5, 7, 8, 13, 17, 31, 33, 64, 70};
        SplittableRandom r = new SplittableRandom(10);
        for (Path path : new Path[] {Path.JAVA, Path.NATIVE}) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                for (int i = 0; i < 12; i++) {
                    int m = sizes[r.nextInt(sizes.length)], n = sizes[r.nextInt(sizes.length)], k = sizes[r.nextInt(sizes.length)];
                    double[][] ab = {{1, 0}, {0.5, 2}, {-1.5, 1}, {1, -0.25}};
                    double[] alphaBeta = ab[i % ab.length];
                    out.add(Arguments.of(path, new Case(ta, tb, m, n, k, i % 3 * 3, i % 2 * 5, alphaBeta[0], alphaBeta[1])));
                }
                out.add(Arguments.of(path, new Case(ta, tb, 1, 1, 1, 0, 0, 1, 0)));
                out.add(Arguments.of(path, new Case(ta, tb, 2, 2, 2, 0, 0, 1, 0)));
                out.add(Arguments.of(path, new Case(ta, tb, 3, 3, 3, 1, 2, 1, 1)));
                out.add(Arguments.of(path, new Case(ta, tb, 70, 69, 67, 1, 3, 1, 0)));
                out.add(Arguments.of(path, new Case(ta, tb, 300, 500, 200, 0, 0, 1, 0)));
                out.add(Arguments.of(path, new Case(ta, tb, 301, 257, 130, 2, 1, 0.5, 1)));
            }
        }
        return out.stream();
    }

    /** A stored rows x cols matrix with row stride cols + pad after off elements; padding holds NaN. */
    static float[] storedF(SplittableRandom r, int rows, int cols, int pad, int off) {
        float[] v = new float[off + rows * (cols + pad) + 1];
        java.util.Arrays.fill(v, NAN_PAD);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) v[off + i * (cols + pad) + j] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    /** The exact-ish product alpha * op(A) op(B) + beta * C in double, and the sum of |terms| for the error bound. */
    static double[][] reference(Case c, double[] a, double[] b, double[] c0) {
        int lda = (c.transA ? c.m : c.k) + c.pad, ldb = (c.transB ? c.k : c.n) + c.pad, ldc = c.n + c.pad;
        double[] val = new double[c.m * c.n], mag = new double[c.m * c.n];
        for (int i = 0; i < c.m; i++) {
            for (int j = 0; j < c.n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < c.k; p++) {
                    double x = a[c.off + (c.transA ? p * lda + i : i * lda + p)], y = b[c.off + (c.transB ? j * ldb + p : p * ldb + j)];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                double old = c.beta == 0 ? 0 : c0[c.off + i * ldc + j];
                val[i * c.n + j] = c.alpha * s + c.beta * old;
                mag[i * c.n + j] = Math.abs(c.alpha) * abs + Math.abs(c.beta * old);
            }
        }
        return new double[][] {val, mag};
    }

    static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sgemmMatchesTheDoubleReference(Path path, Case c) {
        if (path == Path.NATIVE) assertTrue(Gemm.nativeAvailable(), "OpenBLAS did not load");
        SplittableRandom r = new SplittableRandom(c.hashCode());
        int aRows = c.transA ? c.k : c.m, aCols = c.transA ? c.m : c.k, bRows = c.transB ? c.n : c.k, bCols = c.transB ? c.k : c.n;
        float[] a = storedF(r, aRows, aCols, c.pad, c.off), b = storedF(r, bRows, bCols, c.pad, c.off);
        float[] cm = storedF(r, c.m, c.n, c.pad, c.off);
        if (c.beta == 0) for (int i = 0; i < c.m; i++) cm[c.off + i * (c.n + c.pad)] = Float.NaN; // beta 0 ignores C
        float[] before = cm.clone();
        double[][] ref = reference(c, widen(a), widen(b), widen(cm));
        Gemm.sgemm(path, c.transA, c.transB, c.m, c.n, c.k, (float) c.alpha, a, c.off, aCols + c.pad, b, c.off, bCols + c.pad,
                (float) c.beta, cm, c.off, c.n + c.pad);
        int ldc = c.n + c.pad;
        for (int at = 0; at < cm.length; at++) {
            int rel = at - c.off;
            boolean inside = rel >= 0 && rel / ldc < c.m && rel % ldc < c.n;
            if (!inside) {
                assertEquals(Float.floatToRawIntBits(before[at]), Float.floatToRawIntBits(cm[at]), "element " + at + " outside C was written");
                continue;
            }
            int ij = rel / ldc * c.n + rel % ldc;
            double bound = (c.k + 2) * Math.ulp(1f) * ref[1][ij] + Float.MIN_NORMAL;
            assertEquals(ref[0][ij], cm[at], bound, "C[" + rel / ldc + "][" + rel % ldc + "] of " + c);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void dgemmMatchesTheReferenceToDoubleRounding(Path path, Case c) {
        SplittableRandom r = new SplittableRandom(c.hashCode());
        int aRows = c.transA ? c.k : c.m, aCols = c.transA ? c.m : c.k, bRows = c.transB ? c.n : c.k, bCols = c.transB ? c.k : c.n;
        double[] a = widen(storedF(r, aRows, aCols, c.pad, c.off)), b = widen(storedF(r, bRows, bCols, c.pad, c.off));
        double[] cm = widen(storedF(r, c.m, c.n, c.pad, c.off));
        double[] before = cm.clone();
        double[][] ref = reference(c, a, b, cm);
        Gemm.dgemm(path, c.transA, c.transB, c.m, c.n, c.k, c.alpha, a, c.off, aCols + c.pad, b, c.off, bCols + c.pad,
                c.beta, cm, c.off, c.n + c.pad);
        int ldc = c.n + c.pad;
        for (int at = 0; at < cm.length; at++) {
            int rel = at - c.off;
            boolean inside = rel >= 0 && rel / ldc < c.m && rel % ldc < c.n;
            if (!inside) {
                assertEquals(Double.doubleToRawLongBits(before[at]), Double.doubleToRawLongBits(cm[at]), "element " + at + " outside C was written");
                continue;
            }
            int ij = rel / ldc * c.n + rel % ldc;
            assertEquals(ref[0][ij], cm[at], (c.k + 2) * Math.ulp(1.0) * ref[1][ij] + Double.MIN_NORMAL, "C of " + c);
        }
    }

    @Test
    void aTwoByTwoProductIsExact() {
        for (Path path : new Path[] {Path.AUTO, Path.JAVA, Path.NATIVE}) {
            float[] c = new float[4];
            Gemm.sgemm(path, false, false, 2, 2, 2, 1f, new float[] {1, 2, 3, 4}, 0, 2, new float[] {5, 6, 7, 8}, 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {19, 22, 43, 50}, c, path.name());
            double[] d = new double[4];
            Gemm.dgemm(path, true, false, 2, 2, 2, 1, new double[] {1, 2, 3, 4}, 0, 2, new double[] {5, 6, 7, 8}, 0, 2, 0, d, 0, 2);
            assertArrayEquals(new double[] {26, 30, 38, 44}, d, path.name());
        }
    }

    @Test
    void alphaZeroOrKZeroScalesCByBetaOnly() {
        for (Path path : new Path[] {Path.JAVA, Path.NATIVE}) {
            float[] c = {1, 2, 3, 4};
            Gemm.sgemm(path, false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
            assertArrayEquals(new float[] {3, 6, 9, 12}, c, path.name());
            float[] big = new float[40 * 40];
            java.util.Arrays.fill(big, 2f);
            float[] nan = new float[40 * 40];
            java.util.Arrays.fill(nan, Float.NaN);
            Gemm.sgemm(path, false, false, 40, 40, 40, 1f, big, 0, 40, big, 0, 40, 0f, nan, 0, 40);
            for (float v : nan) assertEquals(160f, v, path.name() + ": beta 0 must overwrite NaN");
            for (int n : new int[] {2, 40}) { // alpha 0: C = beta * C, and A, B are not read (their NaN stays out)
                float[] c2 = new float[n * n];
                java.util.Arrays.fill(c2, 1.5f);
                Gemm.sgemm(path, false, false, n, n, n, 0f, nan, 0, n, nan, 0, n, 2f, c2, 0, n);
                for (float v : c2) assertEquals(3f, v, path.name() + " n=" + n + ": alpha 0");
            }
        }
    }

    @Test
    void autoPicksJavaForTinyAndNativeForLarge() {
        // Not a timing assertion: the threshold must sit between a 2x2 product and a 256^3 one.
        assertTrue(Gemm.THRESHOLD > 8 && Gemm.THRESHOLD < 256L * 256 * 256, "threshold " + Gemm.THRESHOLD);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyNativeCall() {
        float[] a = new float[6], b = new float[6], c = new float[4];
        for (Path path : new Path[] {Path.JAVA, Path.NATIVE}) {
            // negative size
            assertBad(() -> Gemm.sgemm(path, false, false, -1, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2), "must not be negative");
            // lda below the stored row length (A is 2 x 3)
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2), "leading dimension of A");
            // transposed A is stored 3 x 2: lda 2 is right, lda 1 is not
            Gemm.sgemm(path, true, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            assertBad(() -> Gemm.sgemm(path, true, false, 2, 2, 3, 1f, a, 0, 1, b, 0, 2, 0f, c, 0, 2), "leading dimension of A");
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2), "index 6");
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 3, 1f, a, -1, 3, b, 0, 2, 0f, c, 0, 2), "offset -1");
            assertBad(() -> Gemm.sgemm(path, false, true, 2, 2, 3, 1f, a, 0, 3, b, 0, 3, 0f, c, 1, 2), "C (2 x 2, offset 1");
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 1), "leading dimension of C");
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 3, 1f, null, 0, 3, b, 0, 2, 0f, c, 0, 2), "A is null");
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, null, 0, 2), "C is null");
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 3, 1f, a, Integer.MAX_VALUE, 3, b, 0, 2, 0f, c, 0, 2), "A (2 x 3");
            float[] shared = new float[12];
            assertBad(() -> Gemm.sgemm(path, false, false, 2, 2, 2, 1f, shared, 0, 2, shared, 4, 2, 0f, shared, 2, 2), "overlaps A");
            Gemm.sgemm(path, false, false, 2, 2, 2, 1f, shared, 0, 2, shared, 4, 2, 0f, shared, 8, 2); // apart: fine
            double[] d = new double[6];
            assertBad(() -> Gemm.dgemm(path, false, false, 2, 2, 3, 1, d, 0, 3, d, 0, 2, 0, new double[3], 0, 2), "index 3");
            assertBad(() -> Gemm.dgemm(path, false, false, 2, 2, 3, 1, d, 0, 3, d, 0, 1, 0, new double[4], 0, 2), "leading dimension of B");
        }
        // the public entry points check the same way
        assertBad(() -> Gemm.sgemm(false, false, 1000, 1000, 1000, 1f, a, 0, 1000, b, 0, 1000, 0f, c, 0, 1000), "index");
    }

    static void assertBad(Runnable call, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
