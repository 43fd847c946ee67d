// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Bytes and CPU per op of the float32 SLEEF maps that share Sleef32Vec's helpers (exp, sigmoid, tanh, log) on a
 * 512x1000 tensor, in one JVM: whether C2 left a Vector API helper's vectors boxed shows as bytes beyond the 2.05 MB
 * result (an 8-lane box is 48+ bytes, i.e. 3+ MB more per op), whatever the machine's load. Run it in several fresh
 * JVMs with the kernel's flags and count the boxed ones ({@code java [flags] -cp 'lib/*:bench/out' UnaryBytes
 * [cells] [runs]}; softmax's row: SoftmaxRow). Per cell: each op's median bytes (MB) and calling-thread CPU (ms).
 */
public final class UnaryBytes {
    static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        manualSeed(0);
        Tensor x = randn(512, 1000), pos = x.abs();
        String[] names = {"exp", "sigmoid", "tanh", "log"};
        @SuppressWarnings("unchecked")
        UnaryOperator<Tensor>[] ops = new UnaryOperator[] {t -> x.exp(), t -> x.sigmoid(), t -> x.tanh(), t -> pos.log()};
        for (int c = 0; c < cells; c++) {
            long[][] bytes = new long[ops.length][runs], cpu = new long[ops.length][runs];
            for (int r = 0; r < runs; r++) {
                for (int k = 0; k < ops.length; k++) {
                    long c0 = MX.getCurrentThreadCpuTime(), b0 = MX.getCurrentThreadAllocatedBytes();
                    ops[k].apply(x);
                    cpu[k][r] = MX.getCurrentThreadCpuTime() - c0;
                    bytes[k][r] = MX.getCurrentThreadAllocatedBytes() - b0;
                }
            }
            StringBuilder sb = new StringBuilder("cell " + c + ":");
            for (int k = 0; k < ops.length; k++) {
                sb.append(String.format(" %s %.2fM %.3fms", names[k], median(bytes[k]) / 1e6, median(cpu[k]) / 1e6));
            }
            System.out.println(sb);
        }
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
