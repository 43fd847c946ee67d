// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native BLAS path (ND4J's OpenBLAS {@code gemm}) for matrix products large enough to repay its fixed cost.
 * Measured (NOTES.md): an ND4J call costs 8-45 us whatever the size and loading ND4J costs about half a second,
 * so small work never touches this class and ND4J is loaded on the first large product only. If it cannot be
 * loaded (no native library for the platform), products stay in Java.
 *
 * <p>{@code -Dgradbook.blas=java} turns it off, {@code =native} uses it for every product (for benchmarks).
 */
final class NativeBlas {
    private NativeBlas() {}

    private static final String MODE = System.getProperty("gradbook.blas", "auto");
    /** m*k*n above which native gemm wins; measured by bench/ (see README). */
    static final long THRESHOLD = Long.getLong("gradbook.blas.threshold", 128L * 128 * 128);
    private static volatile Boolean available;

    static boolean worthIt(int m, int k, int n) {
        if ("java".equals(MODE)) return false;
        if ("native".equals(MODE)) return true;
        return (long) m * k * n >= THRESHOLD;
    }

    /** Native gemm, or null if ND4J is unavailable (the caller then uses the Java loop). */
    static double[] gemm(double[] a, double[] b, int m, int k, int n, DType dtype) {
        if (!load()) return null;
        if (dtype == DType.FLOAT64) {
            INDArray A = Nd4j.create(a, new long[] {m, k}, 'c');
            INDArray B = Nd4j.create(b, new long[] {k, n}, 'c');
            INDArray C = Nd4j.create(DataType.DOUBLE, new long[] {m, n}, 'c');
            Nd4j.gemm(A, B, C, false, false, 1.0, 0.0);
            return C.data().asDouble();
        }
        INDArray A = Nd4j.create(toFloat(a), new long[] {m, k}, 'c');
        INDArray B = Nd4j.create(toFloat(b), new long[] {k, n}, 'c');
        INDArray C = Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'c');
        Nd4j.gemm(A, B, C, false, false, 1.0, 0.0);
        float[] c = C.data().asFloat();
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) out[i] = dtype.round(c[i]);
        return out;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    static boolean load() {
        Boolean ok = available;
        if (ok != null) return ok;
        synchronized (NativeBlas.class) {
            if (available == null) {
                try {
                    Nd4j.create(DataType.FLOAT, 1, 1);
                    available = true;
                } catch (Throwable e) {
                    System.err.println("gradbook: native BLAS unavailable, using Java loops (" + e + ")");
                    available = false;
                }
            }
            return available;
        }
    }
}
