// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * General matrix products on the engine's own arrays, with BLAS semantics: {@code C = alpha * op(A) * op(B) + beta * C}
 * for row-major matrices, where {@code op(X)} is {@code X} or its transpose. {@code op(A)} is {@code m x k},
 * {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}; row {@code r} of a matrix starts at {@code off + r * ld}.
 * As in BLAS, {@code beta == 0} overwrites C (whatever it held, NaN included) and float products accumulate in
 * float.
 *
 * <p>Two paths. Products of at least {@link #THRESHOLD} multiply-adds go to OpenBLAS (shipped with nd4j-native,
 * loaded through JavaCPP without ND4J itself), loaded on the first such product so that start-up never pays for it:
 * on JDK 22+ on the arrays in place ({@link FfmGemm}), on JDK 17-21 through copies ({@link NativeGemm}), the same
 * bits either way. Smaller ones stay in {@link JavaGemm}, a blocked loop the JIT vectorizes, with a plain
 * loop for tiny products (a 2x2 product costs nanoseconds, not a JNI call). If OpenBLAS cannot be loaded, every
 * product stays in Java.
 *
 * <p>Every argument is checked here, in Java, before any native code runs: a bad size, leading dimension or offset
 * is an {@link IllegalArgumentException}, never a crash. C must not overlap A or B.
 *
 * <p>{@code -Dgradbook.gemm=java} keeps every product in Java, {@code =native} sends every product to OpenBLAS (for
 * benchmarks); {@code -Dgradbook.gemm.threshold=N} moves the crossover; {@code -Dgradbook.blas.threads=N} caps the
 * threads one large product uses (default: the available processors; {@link GemmBlocks} says which products).
 *
 * <pre>{@code
 * jshell> float[] c = new float[4];
 * jshell> Gemm.sgemm(false, false, 2, 2, 2, 1f, new float[] {1, 2, 3, 4}, 0, 2, new float[] {5, 6, 7, 8}, 0, 2, 0f, c, 0, 2);
 * jshell> c
 * c ==> float[4] { 19.0, 22.0, 43.0, 50.0 }
 * }</pre>
 */
public final class Gemm {
    private Gemm() {}

    /** Which implementation runs a product. */
    enum Path { AUTO, JAVA, NATIVE }

    private static final Path MODE = switch (System.getProperty("gradbook.gemm", "auto")) {
        case "java" -> Path.JAVA;
        case "native" -> Path.NATIVE;
        default -> Path.AUTO;
    };

    /**
     * m*n*k from which OpenBLAS runs the product. Measured with bench/GemmBench.java on the 2-core reference machine:
     * a native call costs about 0.3-0.4 us (JNI and the scratch copies) and overtakes the Java kernel at about 8x8x8
     * (12x12x12: 0.3 us native, 0.5-0.7 us Java; 64x64x64: 70 against 13 GFLOP/s).
     */
    public static final long THRESHOLD = Long.getLong("gradbook.gemm.threshold", 8L * 8 * 8);

    /** Single precision: {@code c = alpha * op(a) * op(b) + beta * c}, row-major (see the class comment). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(MODE, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Double precision: {@code c = alpha * op(a) * op(b) + beta * c}, row-major (see the class comment). */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        dgemm(MODE, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Whether OpenBLAS is loaded or loads now (the first call costs about 0.2-0.5 s). */
    public static boolean nativeAvailable() {
        return NativeGemm.available();
    }

    static void sgemm(Path path, boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a == null ? -1 : a.length, aOff, lda, b == null ? -1 : b.length, bOff, ldb,
                c == null ? -1 : c.length, cOff, ldc);
        checkOverlap(c == a, c == b, transA, transB, m, n, k, aOff, lda, bOff, ldb, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (!useNative(path, m, n, k)) JavaGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else if (FfmGemm.ready()) FfmGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else {
            NativeGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            FfmGemm.bindSoon(); // in place from when it is done (JDK 22+; FfmGemm says why not at once)
        }
    }

    static void dgemm(Path path, boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a == null ? -1 : a.length, aOff, lda, b == null ? -1 : b.length, bOff, ldb,
                c == null ? -1 : c.length, cOff, ldc);
        checkOverlap(c == a, c == b, transA, transB, m, n, k, aOff, lda, bOff, ldb, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (!useNative(path, m, n, k)) JavaGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else if (FfmGemm.ready()) FfmGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else {
            NativeGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            FfmGemm.bindSoon(); // in place from when it is done (JDK 22+; FfmGemm says why not at once)
        }
    }

    private static boolean useNative(Path path, int m, int n, int k) {
        if (path == Path.JAVA || k == 0) return false;
        if (path == Path.AUTO && (MODE == Path.JAVA || (long) m * n * k < THRESHOLD)) return false;
        return NativeGemm.available();
    }

    /**
     * Sizes, leading dimensions and offsets, so that every element BLAS may touch lies inside its array. An array
     * length of -1 stands for a null array. Stored A is m x k (k x m when transposed), stored B k x n (n x k).
     */
    static void check(boolean transA, boolean transB, int m, int n, int k, int aLen, int aOff, int lda,
                      int bLen, int bOff, int ldb, int cLen, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0)
            throw new IllegalArgumentException("gemm: sizes must not be negative, got m=" + m + ", n=" + n + ", k=" + k);
        checkMatrix("A", transA ? k : m, transA ? m : k, aLen, aOff, lda, m > 0 && n > 0 && k > 0);
        checkMatrix("B", transB ? n : k, transB ? k : n, bLen, bOff, ldb, m > 0 && n > 0 && k > 0);
        checkMatrix("C", m, n, cLen, cOff, ldc, m > 0 && n > 0);
    }

    private static void checkMatrix(String name, int rows, int cols, int len, int off, int ld, boolean read) {
        if (ld < Math.max(1, cols))
            throw new IllegalArgumentException("gemm: leading dimension of " + name + " is " + ld + ", must be at least "
                    + Math.max(1, cols) + " (its stored row length)");
        if (!read) return;
        if (len < 0) throw new IllegalArgumentException("gemm: " + name + " is null");
        long last = (long) off + (long) (rows - 1) * ld + cols - 1;
        if (off < 0 || last >= len)
            throw new IllegalArgumentException("gemm: " + name + " (" + rows + " x " + cols + ", offset " + off
                    + ", leading dimension " + ld + ") needs elements up to index " + last + " but its array has "
                    + len + " elements");
    }

    /** C sharing an array with A or B is refused when their index ranges meet: BLAS would read what it wrote. */
    private static void checkOverlap(boolean cIsA, boolean cIsB, boolean transA, boolean transB, int m, int n, int k,
                                     int aOff, int lda, int bOff, int ldb, int cOff, int ldc) {
        if (m == 0 || n == 0 || k == 0) return;
        long cEnd = (long) cOff + (long) (m - 1) * ldc + n;
        if (cIsA && meets(aOff, (long) aOff + (long) ((transA ? k : m) - 1) * lda + (transA ? m : k), cOff, cEnd))
            throw new IllegalArgumentException("gemm: C overlaps A in the same array; write the product to another array");
        if (cIsB && meets(bOff, (long) bOff + (long) ((transB ? n : k) - 1) * ldb + (transB ? k : n), cOff, cEnd))
            throw new IllegalArgumentException("gemm: C overlaps B in the same array; write the product to another array");
    }

    private static boolean meets(long from1, long end1, long from2, long end2) {
        return from1 < end2 && from2 < end1;
    }
}
