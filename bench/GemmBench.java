// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.math.Gemm;

/**
 * GFLOP/s of {@link Gemm#sgemm} on square products, best of several runs, for one path:
 * {@code java -Dgradbook.gemm=java|native|auto -cp ... GemmBench [max n]}. bench/run.sh runs it for the Java and
 * the native path side by side; the crossover between them sets {@code Gemm.THRESHOLD}.
 */
public final class GemmBench {
    public static void main(String[] args) {
        int max = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int[] sizes = {2, 4, 8, 12, 16, 20, 24, 32, 48, 64, 96, 128, 256, 512, 1024, 2048};
        System.out.println("n\tmicros\tGFLOP/s");
        for (int n : sizes) {
            if (n > max) break;
            float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
            for (int i = 0; i < n * n; i++) { a[i] = (i % 7) * 0.25f - 0.5f; b[i] = (i % 5) * 0.5f - 1f; }
            double flops = 2.0 * n * n * n;
            int inner = (int) Math.max(1, Math.min(100_000, 2e7 / flops)); // ~10 ms per sample at 2 GFLOP/s
            for (long warm = System.nanoTime() + 300_000_000L; System.nanoTime() < warm; ) // JIT first
                for (int i = 0; i < inner; i++) Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            double best = Double.MAX_VALUE;
            long until = System.nanoTime() + 1_500_000_000L;
            for (int rep = 0; rep < 40 && (rep < 5 || System.nanoTime() < until); rep++) {
                long s = System.nanoTime();
                for (int i = 0; i < inner; i++) Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                best = Math.min(best, (System.nanoTime() - s) / 1e3 / inner);
            }
            System.out.printf("%d\t%.3f\t%.1f%n", n, best, flops / best / 1e3);
        }
    }
}
