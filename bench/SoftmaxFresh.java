// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // Float32Softmax's row kernels and RowSplit's switch are package-private

/**
 * The softmax kernels of the row "softmax + cross entropy fwd+bwd, 512x1000" alone, on one thread and split over
 * the pool ({@link RowSplit}), best of 50 per round in ms: log_softmax and its backward into reused output arrays, or
 * with {@code -Dfresh=true} into a fresh unzeroed array each call (as the engine allocates outputs:
 * {@code Unsafe.allocateUninitializedArray}), softmax, and the exp-sum pass on one thread. Shows what writing
 * outputs no cache holds costs (bench/RESULTS.md, nineteenth session). {@code javac --add-exports
 * java.base/jdk.internal.misc=ALL-UNNAMED --add-modules jdk.incubator.vector -d bench/out -cp 'kernel/target/lib/*'
 * bench/SoftmaxFresh.java; java [the kernel's flags] [-Dfresh=true] -cp 'kernel/target/lib/*:bench/out'
 * io.gradbook.autograd.math.SoftmaxFresh}
 */
public final class SoftmaxFresh {
    static final boolean FRESH = Boolean.getBoolean("fresh");

    /** The output array for one call: {@code reused}, or with -Dfresh=true a new one, unzeroed as the engine's. */
    private static float[] output(float[] reused) {
        return FRESH ? (float[]) jdk.internal.misc.Unsafe.getUnsafe().allocateUninitializedArray(float.class, reused.length) : reused;
    }

    public static void main(String[] a) {
        int rows = 512, n = 1000;
        float[] x = new float[rows * n], y = new float[rows * n], g = new float[rows*n], d = new float[rows*n];
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < x.length; i++) { x[i] = (float) r.nextGaussian(); g[i] = (float) r.nextGaussian(); }
        for (int round = 0; round < 12; round++) {
            StringBuilder sb = new StringBuilder();
            for (int par = 0; par < 2; par++) {
                RowSplit.setParallel(par == 1);
                long best = Long.MAX_VALUE, bestB = Long.MAX_VALUE, bestS = Long.MAX_VALUE, bestE = Long.MAX_VALUE;
                for (int q = 0; q < 50; q++) {
                    long t0 = System.nanoTime();
                    float[] yy = output(y);
                    Float32Softmax.logSoftmax(x, 0, yy, 0, rows, n, 1, true);
                    long t1 = System.nanoTime();
                    float[] dd = output(d);
                    Float32Softmax.logSoftmaxBackward(g, 0, yy, 0, dd, 0, rows, n, 1, true);
                    long t2 = System.nanoTime();
                    Float32Softmax.softmax(x, 0, y, 0, rows, n, 1, true);
                    long t3 = System.nanoTime();
                    float s = 0; for (int o = 0; o < rows; o++) s += Float32Softmax.mapExpReduceSum(x, o * n, n, 0.5f, true);
                    long t4 = System.nanoTime();
                    if (s == 12345) System.out.print(""); // keeps the sums' pass from being dropped as dead code
                    best = Math.min(best, t1 - t0); bestB = Math.min(bestB, t2 - t1); bestS = Math.min(bestS, t3 - t2); bestE = Math.min(bestE, t4 - t3);
                }
                sb.append(String.format(" %s: lsm %.3f lsmBwd %.3f sm %.3f expSum(1t) %.3f |", par == 1 ? "2t" : "1t", best / 1e6, bestB / 1e6, bestS / 1e6, bestE / 1e6));
            }
            if (round >= 9) System.out.println(sb);
        }
    }
}
