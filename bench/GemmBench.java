// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.math.Gemm;

/**
 * GFLOP/s of {@link Gemm#sgemm} on square products, best of several runs, for one path:
 * {@code java -Dgradbook.gemm=java|native|auto -cp ... GemmBench [max n]}, or one m x k by k x n product:
 * {@code GemmBench m n k} (e.g. the CNN-sized 25088 64 576). bench/run.sh runs it for the Java and
 * the native path side by side; the crossover between them sets {@code Gemm.THRESHOLD}.
 */
public final class GemmBench {
    public static void main(String[] args) {
        int max = args.length == 1 ? Integer.parseInt(args[0]) : 2048;
        int[] sizes = args.length == 3 ? new int[] {-1} : new int[] {2, 4, 8, 12, 16, 20, 24, 32, 48, 64, 96, 128, 256, 512, 1024, 2048};
        System.out.println("n\tmicros\tGFLOP/s");
        for (int size : sizes) {
            if (size > max) break;
            int m = size > 0 ? size : Integer.parseInt(args[0]), n = size > 0 ? size : Integer.parseInt(args[1]);
            int k = size > 0 ? size : Integer.parseInt(args[2]);
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.25f - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.5f - 1f;
            double flops = 2.0 * m * n * k;
            int inner = (int) Math.max(1, Math.min(100_000, 2e7 / flops)); // ~10 ms per sample at 2 GFLOP/s
            for (long warm = System.nanoTime() + 300_000_000L; System.nanoTime() < warm; ) // JIT first
                for (int i = 0; i < inner; i++) Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            double best = Double.MAX_VALUE;
            long until = System.nanoTime() + 1_500_000_000L;
            for (int rep = 0; rep < 40 && (rep < 5 || System.nanoTime() < until); rep++) {
                long s = System.nanoTime();
                for (int i = 0; i < inner; i++) Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                best = Math.min(best, (System.nanoTime() - s) / 1e3 / inner);
            }
            System.out.printf("%s\t%.3f\t%.1f%n", size > 0 ? String.valueOf(n) : m + "x" + k + "x" + n, best, flops / best / 1e3);
        }
    }
}
