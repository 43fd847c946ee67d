// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.math.Float32Reduce;
import io.gradbook.autograd.math.Float32Softmax;
import io.gradbook.autograd.math.Float32Unary;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The raw float32 math kernels (io.gradbook.autograd.math) on big arrays, one thread, median CPU ms; bench/math_torch.py
 * times PyTorch on the same cases. Run from the repository root after {@code mvn -q -pl autograd-core compile}:
 * {@code javac -d bench/out -cp autograd-core/target/classes bench/MathBench.java && java -cp autograd-core/target/classes:bench/out MathBench}
 * and {@code /usr/bin/python3 bench/math_torch.py}.
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
}
