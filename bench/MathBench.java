// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.math.Float32Reduce;
import io.gradbook.autograd.math.Float32Softmax;
import io.gradbook.autograd.math.Float32Unary;
import io.gradbook.autograd.math.Simd;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The raw float32 math kernels (io.gradbook.autograd.math) on big arrays, one thread, median CPU ms; bench/math_torch.py
 * times PyTorch on the same cases. Run from the repository root after {@code mvn -q -pl autograd-core compile}:
 * {@code javac -d bench/out -cp autograd-core/target/classes bench/MathBench.java && java -cp autograd-core/target/classes:bench/out MathBench}
 * and {@code /usr/bin/python3 bench/math_torch.py}. With {@code --add-modules jdk.incubator.vector} the kernels run
 * through the Vector API; the argument {@code simd} prints instead, for each SIMD kernel, single-thread CPU ns per
 * element of the scalar and the vector loop measured back to back in this process, after checking that both give the
 * same bits: {@code java --add-modules jdk.incubator.vector -cp autograd-core/target/classes:bench/out MathBench simd}.
 */
public final class MathBench {
    interface Unary {
        void apply(float[] s, int so, float[] d, int dof, int n);
    }

    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Median thread CPU time: on a shared, loaded machine wall time mostly measures the neighbours. */
    static double medianMillis(Runnable r, int reps) {
        for (int i = 0; i < 3; i++) r.run();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long s = CPU.getCurrentThreadCpuTime();
            r.run();
            t[i] = (CPU.getCurrentThreadCpuTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    static void report(String name, double ms) {
        System.out.println(name + "\t" + String.format("%.3f", ms));
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("simd")) {
            simd();
            return;
        }
        SplittableRandom rnd = new SplittableRandom(1);
        int n6 = 1_000_000, n7 = 10_000_000;
        float[] x7 = new float[n7];
        for (int i = 0; i < n7; i++) x7[i] = (float) (rnd.nextGaussian() * 3);
        float[] x = Arrays.copyOf(x7, n6), pos = new float[n6], y = new float[n6];
        for (int i = 0; i < n6; i++) pos[i] = Math.abs(x[i]) + 1e-3f;
        report("sum 1e7", medianMillis(() -> Float32Reduce.sum(x7, 0, n7), 11));
        report("mean 1e7", medianMillis(() -> Float32Reduce.mean(x7, 0, n7), 11));
        int[] shape = {1000, 1000}, strides = {1000, 1};
        float[] out = new float[1000];
        report("sum 1000x1000 dim=1", medianMillis(() -> Float32Reduce.sum(x, 0, shape, strides, new int[] {1}, out, 0), 11));
        report("sum 1000x1000 dim=0", medianMillis(() -> Float32Reduce.sum(x, 0, shape, strides, new int[] {0}, out, 0), 11));
        Object[][] ops = {{"exp", (Unary) Float32Unary::exp, x}, {"log", (Unary) Float32Unary::log, pos},
            {"sin", (Unary) Float32Unary::sin, x}, {"cos", (Unary) Float32Unary::cos, x}, {"tanh", (Unary) Float32Unary::tanh, x},
            {"sigmoid", (Unary) Float32Unary::sigmoid, x}, {"sqrt", (Unary) Float32Unary::sqrt, pos},
            {"relu", (Unary) Float32Unary::relu, x}};
        for (Object[] op : ops) {
            Unary u = (Unary) op[1];
            float[] in = (float[]) op[2];
            report(op[0] + " 1e6", medianMillis(() -> u.apply(in, 0, y, 0, n6), 11));
        }
        report("pow 2.5 1e6", medianMillis(() -> Float32Unary.pow(pos, 0, y, 0, n6, 2.5), 11));
        report("softmax 512x1000 dim=1", medianMillis(() -> Float32Softmax.softmax(x, 0, y, 0, 512, 1000, 1), 11));
        report("log_softmax 512x1000 dim=1", medianMillis(() -> Float32Softmax.logSoftmax(x, 0, y, 0, 512, 1000, 1), 11));
    }

    /** Scalar against vector loops, alternating in rounds so that load from other processes hits both alike. */
    static void simd() {
        if (!Simd.available()) throw new IllegalStateException("start the JVM with --add-modules jdk.incubator.vector");
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 1_000_000;
        float[] x = new float[n], pos = new float[n], y = new float[n], z = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3);
            pos[i] = Math.abs(x[i]) + 1e-3f;
        }
        Object[][] ops = {{"exp", (Unary) Float32Unary::exp, x}, {"log", (Unary) Float32Unary::log, pos},
            {"sin", (Unary) Float32Unary::sin, x}, {"cos", (Unary) Float32Unary::cos, x},
            {"tanh", (Unary) Float32Unary::tanh, x}, {"sigmoid", (Unary) Float32Unary::sigmoid, x}};
        System.out.println("op\tscalar ns/element\tSIMD ns/element\tspeed-up\tbits");
        for (Object[] op : ops) {
            Unary u = (Unary) op[1];
            float[] in = (float[]) op[2];
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < 5; round++) {
                for (int v = 0; v < 2; v++) {
                    Simd.setEnabled(v == 1);
                    best[v] = Math.min(best[v], medianMillis(() -> u.apply(in, 0, y, 0, n), 5) * 1e6 / n);
                }
            }
            Simd.setEnabled(false);
            u.apply(in, 0, z, 0, n);
            Simd.setEnabled(true);
            u.apply(in, 0, y, 0, n);
            int bad = 0;
            for (int i = 0; i < n; i++) if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(z[i])) bad++;
            System.out.printf("%s\t%.2f\t%.2f\t%.1fx\t%s%n", op[0], best[0], best[1], best[0] / best[1],
                bad == 0 ? "equal" : bad + " differ");
        }
    }
}
