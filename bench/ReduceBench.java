// SPDX-License-Identifier: Apache-2.0
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The reductions moved onto the typed storage (x.max(), x.amax(1), x.max(1), x.argmax(), x.prod(1), x.logsumexp(1),
 * x.norm(1), x.norm(3)) on a 1000x1000 float32 tensor, before and after, in one process: each class directory
 * (e.g. an older commit's autograd-core/target/classes, and this one's) is loaded by its own class loader and the
 * two are timed alternately, median thread CPU ms (the machine is shared, wall time measures the neighbours).
 * {@code javac -d bench/out bench/ReduceBench.java && java -cp bench/out ReduceBench OLD_CLASSES NEW_CLASSES}
 * (jackson is not needed; no gradients are recorded). bench/reduce_torch.py times PyTorch (1 thread) on the same.
 */
public final class ReduceBench {
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** One engine loaded from a class directory: x = randn(1000, 1000) after manualSeed(0). */
    static final class Engine {
        final Object x;
        final Class<?> tensor;

        Engine(String dir) throws Exception {
            ClassLoader cl = new URLClassLoader(new URL[] {Path.of(dir).toUri().toURL()}, ReduceBench.class.getClassLoader().getParent());
            Class<?> torch = cl.loadClass("io.gradbook.autograd.Torch");
            tensor = cl.loadClass("io.gradbook.autograd.Tensor");
            torch.getMethod("manualSeed", long.class).invoke(null, 0L);
            x = torch.getMethod("randn", int[].class).invoke(null, (Object) new int[] {1000, 1000});
        }

        Runnable op(String name, Object... args) throws Exception {
            Class<?>[] types = new Class<?>[args.length];
            for (int i = 0; i < args.length; i++) {
                types[i] = args[i] instanceof Integer ? int.class : args[i] instanceof Double ? double.class
                        : args[i] instanceof Boolean ? boolean.class : args[i].getClass();
            }
            Method m = tensor.getMethod(name, types);
            return () -> {
                try {
                    m.invoke(x, args);
                } catch (ReflectiveOperationException e) {
                    throw new RuntimeException(e);
                }
            };
        }
    }

    static double cpuMillis(Runnable r) {
        long s = CPU.getCurrentThreadCpuTime();
        r.run();
        return (CPU.getCurrentThreadCpuTime() - s) / 1e6;
    }

    public static void main(String[] a) throws Exception {
        Engine before = new Engine(a[0]), after = new Engine(a[1]);
        Object[][] cases = {
            {"x.max()", "max"}, {"x.amax(1)", "amax", 1}, {"x.max(1)", "max", 1}, {"x.argmax()", "argmax"},
            {"x.prod(1)", "prod", 1}, {"x.logsumexp(1)", "logsumexp", 1}, {"x.norm(1)", "norm", 1.0}, {"x.norm(3)", "norm", 3.0}};
        int reps = 15;
        System.out.println("op\tbefore_ms\tafter_ms\tspeedup");
        for (Object[] c : cases) {
            Object[] args = Arrays.copyOfRange(c, 2, c.length);
            Runnable b, n;
            try {
                b = before.op((String) c[1], args);
            } catch (NoSuchMethodException e) {
                b = null; // the op did not exist before
            }
            n = after.op((String) c[1], args);
            double[] tb = new double[reps], tn = new double[reps];
            for (int i = 0; i < 3; i++) {
                if (b != null) b.run();
                n.run();
            }
            for (int i = 0; i < reps; i++) {
                tb[i] = b == null ? Double.NaN : cpuMillis(b);
                tn[i] = cpuMillis(n);
            }
            Arrays.sort(tb);
            Arrays.sort(tn);
            double mb = tb[reps / 2], mn = tn[reps / 2];
            System.out.printf("%s\t%s\t%.2f\t%s%n", c[0], b == null ? "-" : String.format("%.2f", mb), mn, b == null ? "new" : String.format("%.1fx", mb / mn));
        }
    }
}
