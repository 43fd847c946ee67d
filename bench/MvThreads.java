// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.DType;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.math.Gemm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU per torch.mv from OpenBLAS's gemv thread threshold (2304 * 4 elements) up, since the tenth session run as
 * PyTorch's OpenBLAS splits it (GemvThreads: BlasGemv's kernels per part, float64 one native dgemv per part),
 * against the path before it: one sgemm/dgemm call with n = 1 (other bits). Thread CPU of the caller, fastest of
 * the rounds, the two interleaved round by round.
 *   java -cp autograd-core/target/classes:$(cat cp.txt) bench/MvThreads.java [rounds]
 */
public class MvThreads {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[][] shapes = {{195, 64}, {256, 256}, {1024, 1024}, {4096, 1024}};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                int r = s[0], c = s[1];
                Tensor m = Torch.rand(dt, r, c), v = Torch.rand(dt, c);
                float[] mf = new float[r * c], vf = new float[c], yf = new float[r];
                double[] md = new double[r * c], vd = new double[c], yd = new double[r];
                int reps = Math.max(1, 4_000_000 / (r * c));
                long bestNew = Long.MAX_VALUE, bestOld = Long.MAX_VALUE;
                for (int round = 0; round < rounds; round++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < reps; i++) Torch.mv(m, v);
                    long t1 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < reps; i++) {
                        if (dt == DType.FLOAT32) Gemm.sgemm(false, false, r, 1, c, 1f, mf, 0, c, vf, 0, 1, 0f, yf, 0, 1);
                        else Gemm.dgemm(false, false, r, 1, c, 1.0, md, 0, c, vd, 0, 1, 0.0, yd, 0, 1);
                    }
                    long t2 = mx.getCurrentThreadCpuTime();
                    bestNew = Math.min(bestNew, (t1 - t0) / reps);
                    bestOld = Math.min(bestOld, (t2 - t1) / reps);
                }
                System.out.printf("%s mv [%d, %d]: split %.1f us, one gemm call %.1f us (thread CPU, fastest of %d)%n",
                        dt, r, c, bestNew / 1e3, bestOld / 1e3, rounds);
            }
        }
    }
}
