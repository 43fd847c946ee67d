// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // GemmBlocks is package-private

import static org.bytedeco.openblas.global.openblas_nolapack.*;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The products of the MLP step and the benchmark's square ones, three ways, interleaved round by round so that the
 * shared machine's load falls on all alike: one cblas_sgemm on 2 OpenBLAS threads (what Gemm did before
 * GemmBlocks), one call on 1 thread, and GemmBlocks (blocks on the caller and a fork-join helper, each one
 * single-threaded call). Operands are off-heap already (no copies in any variant). Prints wall microseconds per
 * product, best and median over the rounds, and the load average.
 * {@code javac -d bench/out -cp 'kernel-jar:lib/*' bench/GemmThreads.java; java -cp ...:bench/out io.gradbook.autograd.math.GemmThreads [rounds]}
 */
public final class GemmThreads {
    record Shape(String name, boolean transA, int m, int n, int k) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        if (!Gemm.nativeAvailable()) throw new IllegalStateException("no OpenBLAS");
        Shape[] shapes = {
            new Shape("MLP [128,784] x [784,256]", false, 128, 256, 784),
            new Shape("MLP [784,128]^T x [128,256]", true, 784, 256, 128),
            new Shape("square 256", false, 256, 256, 256),
            new Shape("square 512", false, 512, 512, 512),
            new Shape("square 1024", false, 1024, 1024, 1024),
        };
        String[] ways = {"2 OpenBLAS threads", "1 thread, one call", "GemmBlocks"};
        Random r = new Random(0);
        FloatPointer[] a = new FloatPointer[shapes.length], b = new FloatPointer[shapes.length], c = new FloatPointer[shapes.length];
        for (int s = 0; s < shapes.length; s++) {
            Shape sh = shapes[s];
            a[s] = rand(r, (long) sh.m * sh.k);
            b[s] = rand(r, (long) sh.k * sh.n);
            c[s] = new FloatPointer((long) sh.m * sh.n);
        }
        double[][][] t = new double[shapes.length][ways.length][rounds];
        String load0 = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        for (int round = -10; round < rounds; round++) {
            for (int s = 0; s < shapes.length; s++) {
                Shape sh = shapes[s];
                int reps = sh.m >= 1024 ? 1 : 1;
                for (int w = 0; w < ways.length; w++) {
                    blas_set_num_threads(w == 0 ? 2 : 1);
                    FloatPointer pa = a[s], pb = b[s], pc = c[s];
                    int lda = sh.transA ? sh.m : sh.k, ta = sh.transA ? CblasTrans : CblasNoTrans, n = sh.n, k = sh.k;
                    long st = System.nanoTime();
                    for (int rep = 0; rep < reps; rep++) {
                        if (w < 2) cblas_sgemm(CblasRowMajor, ta, CblasNoTrans, sh.m, n, k, 1f, pa, lda, pb, n, 0f, pc, n);
                        else GemmBlocks.run(sh.m, n, k, (r0, r1, c0, c1) -> cblas_sgemm(CblasRowMajor, ta, CblasNoTrans,
                                r1 - r0, c1 - c0, k, 1f, pa.getPointer(sh.transA ? r0 : (long) r0 * lda), lda,
                                pb.getPointer(c0), n, 0f, pc.getPointer((long) r0 * n + c0), n));
                    }
                    if (round >= 0) t[s][w][round] = (System.nanoTime() - st) / 1e3 / reps;
                }
            }
        }
        String load1 = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        System.out.printf("wall us per product, best / median of %d interleaved rounds (load average %s -> %s)%n", rounds, load0, load1);
        System.out.printf("  %-30s", "");
        for (String w : ways) System.out.printf(" | %-21s", w);
        System.out.println();
        for (int s = 0; s < shapes.length; s++) {
            System.out.printf("  %-30s", shapes[s].name + " (" + GemmBlocks.blocks(shapes[s].m, shapes[s].n, shapes[s].k) + " blocks)");
            for (int w = 0; w < ways.length; w++) {
                double[] v = t[s][w].clone();
                Arrays.sort(v);
                System.out.printf(" | %8.1f / %10.1f", v[0], v[rounds / 2]);
            }
            System.out.println();
        }
    }

    static FloatPointer rand(Random r, long size) {
        FloatPointer p = new FloatPointer(size);
        for (long i = 0; i < size; i++) p.put(i, (float) r.nextGaussian());
        return p;
    }
}
