// SPDX-License-Identifier: Apache-2.0
import static org.bytedeco.openblas.global.openblas_nolapack.*;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;

/**
 * What splitting one OpenBLAS product into column blocks costs, by thread CPU time (the shared machine's load does
 * not change it): each block is its own single-threaded cblas_sgemm (B's and C's columns [j0, j1), all of A), run
 * one after another here, against the product in one call; and whether the blocks give the same bits as the whole.
 * {@code java -cp kernel-jar:lib/*:bench/out GemmChunks [rounds]}
 */
public final class GemmChunks {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        blas_set_num_threads(1);
        int[][] shapes = {{128, 256, 784, 0}, {784, 256, 128, 1}, {256, 256, 256, 0}, {512, 512, 512, 0}, {1024, 1024, 1024, 0}};
        Random r = new Random(0);
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            boolean transA = s[3] == 1;
            FloatPointer a = rand(r, (long) m * k), b = rand(r, (long) k * n), c = new FloatPointer((long) m * n);
            float[] whole = null;
            StringBuilder line = new StringBuilder(String.format("%4d x %4d x %4d%s CPU us:", m, n, k, transA ? " (A^T)" : ""));
            for (int chunks : new int[] {1, 2, 4, 8}) {
                if (n / chunks < 16) break;
                double[] t = new double[rounds];
                for (int round = -3; round < rounds; round++) {
                    long st = MX.getCurrentThreadCpuTime();
                    for (int q = 0; q < chunks; q++) {
                        int j0 = align(n, chunks, q), j1 = align(n, chunks, q + 1);
                        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, CblasNoTrans, m, j1 - j0, k, 1f,
                                a, transA ? m : k, b.getPointer(j0), n, 0f, c.getPointer(j0), n);
                    }
                    if (round >= 0) t[round] = (MX.getCurrentThreadCpuTime() - st) / 1e3;
                }
                float[] got = new float[m * n];
                c.get(got);
                if (whole == null) whole = got;
                Arrays.sort(t);
                line.append(String.format("  %d blocks %.0f%s", chunks, t[rounds / 2],
                        Arrays.equals(whole, got) ? "" : " (BITS DIFFER)"));
            }
            // rows [i0, i1) of A and C, all of B
            for (int chunks : new int[] {2, 4}) {
                if (m / chunks < 16) break;
                for (int q = 0; q < chunks; q++) {
                    int i0 = align(m, chunks, q), i1 = align(m, chunks, q + 1);
                    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, CblasNoTrans, i1 - i0, n, k, 1f,
                            a.getPointer(transA ? i0 : (long) i0 * k), transA ? m : k, b, n, 0f, c.getPointer((long) i0 * n), n);
                }
                float[] got = new float[m * n];
                c.get(got);
                line.append(String.format("  %d row blocks%s", chunks, Arrays.equals(whole, got) ? " same" : " (BITS DIFFER)"));
            }
            blas_set_num_threads(2);
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, CblasNoTrans, m, n, k, 1f, a, transA ? m : k, b, n, 0f, c, n);
            blas_set_num_threads(1);
            float[] got = new float[m * n];
            c.get(got);
            line.append(Arrays.equals(whole, got) ? "  2 OpenBLAS threads same" : "  2 OpenBLAS threads (BITS DIFFER)");
            System.out.println(line);
        }
    }

    /** Start column of block q of n: multiples of 16, so every block but the last is whole kernel tiles. */
    static int align(int n, int chunks, int q) {
        if (q >= chunks) return n;
        return Math.min(n, (int) ((long) n * q / chunks) / 16 * 16);
    }

    static FloatPointer rand(Random r, long size) {
        FloatPointer p = new FloatPointer(size);
        for (long i = 0; i < size; i++) p.put(i, (float) r.nextGaussian());
        return p;
    }
}
