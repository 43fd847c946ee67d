// SPDX-License-Identifier: Apache-2.0
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Element-wise ops on a transposed 1000x1000 float32 input (x.t().exp(), ...), before and after the output layout
 * (OutputLayout: the result laid out as x.t(), written in memory order), in one process: each class directory (an
 * older commit's autograd-core classes and this one's) is loaded by its own class loader and the two are timed
 * alternately, median thread CPU ms (the machine is shared: wall time measures the neighbours). Every op here stays
 * on the calling thread (unary float32 over a strided input walks Float32Runs; arithmetic below 2^20 is serial).
 * {@code javac -d bench/out bench/LayoutBench.java && java --add-modules jdk.incubator.vector -cp bench/out LayoutBench OLD_CLASSES NEW_CLASSES}
 */
public final class LayoutBench {
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** One engine loaded from a class directory: x = randn(1000, 1000), y = randn(1000, 1000) after manualSeed(0). */
    static final class Engine {
        final Object x, y;
        final Class<?> tensor;

        Engine(String dir) throws Exception {
            ClassLoader cl = new URLClassLoader(new URL[] {Path.of(dir).toUri().toURL()}, LayoutBench.class.getClassLoader().getParent());
            Class<?> torch = cl.loadClass("io.gradbook.autograd.Torch");
            tensor = cl.loadClass("io.gradbook.autograd.Tensor");
            torch.getMethod("manualSeed", long.class).invoke(null, 0L);
            x = torch.getMethod("randn", int[].class).invoke(null, (Object) new int[] {1000, 1000});
            y = torch.getMethod("randn", int[].class).invoke(null, (Object) new int[] {1000, 1000});
        }

        Object call(Object on, String name, Object... args) {
            try {
                Class<?>[] types = new Class<?>[args.length];
                for (int i = 0; i < args.length; i++) types[i] = args[i] instanceof Double ? double.class : args[i] instanceof Integer ? int.class : tensor;
                Method m = tensor.getMethod(name, types);
                return m.invoke(on, args);
            } catch (ReflectiveOperationException e) {
                throw new RuntimeException(e);
            }
        }

        /** The op on x.t() (the transpose is a view: its cost is nothing). */
        Runnable op(UnaryOperator<Object> f) {
            Object xt = call(x, "t");
            return () -> f.apply(xt);
        }

        /** Rows that must not get slower: a contiguous x.exp(), and 10^4 adds of 2x2 tensors (per-op overhead). */
        Runnable plain(String name) throws Exception {
            if (name.equals("x.exp() contiguous")) return () -> call(x, "exp");
            Object a = call(call(x, "narrow", 0, 0, 2), "narrow", 1, 0, 2);
            Object b = call(a, "contiguous"), c = call(call(y, "narrow", 0, 0, 2), "narrow", 1, 0, 2);
            Object d = call(c, "contiguous");
            return () -> {
                for (int i = 0; i < 10_000; i++) call(b, "add", d);
            };
        }
    }

    static double cpuMillis(Runnable r) {
        long s = CPU.getCurrentThreadCpuTime();
        r.run();
        return (CPU.getCurrentThreadCpuTime() - s) / 1e6;
    }

    public static void main(String[] a) throws Exception {
        Engine[] engines = {new Engine(a[0]), new Engine(a[1])};
        String[] names = {"x.t().exp()", "x.t().sigmoid()", "x.t().mul(2)", "x.t().add(y)", "x.t().exp().sum()", "x.t().clone()",
            "x.exp() contiguous", "2x2 add x10^4"};
        int reps = a.length > 2 ? Integer.parseInt(a[2]) : 21;
        System.out.println("op\tbefore_ms\tafter_ms\tspeedup");
        for (String name : names) {
            Runnable[] r = new Runnable[2];
            for (int k = 0; k < 2; k++) {
                Engine e = engines[k];
                UnaryOperator<Object> f;
                switch (name) {
                    case "x.t().exp()": f = t -> e.call(t, "exp"); break;
                    case "x.t().sigmoid()": f = t -> e.call(t, "sigmoid"); break;
                    case "x.t().mul(2)": f = t -> e.call(t, "mul", 2.0); break;
                    case "x.t().add(y)": f = t -> e.call(t, "add", e.y); break;
                    case "x.t().exp().sum()": f = t -> e.call(e.call(t, "exp"), "sum"); break;
                    case "x.t().clone()": f = t -> e.call(t, "clone"); break;
                    default: f = null;
                }
                r[k] = f == null ? e.plain(name) : e.op(f);
            }
            double[][] ms = new double[2][reps];
            for (int i = 0; i < 5; i++) {
                r[0].run();
                r[1].run();
            }
            for (int i = 0; i < reps; i++) {
                ms[0][i] = cpuMillis(r[0]);
                ms[1][i] = cpuMillis(r[1]);
            }
            Arrays.sort(ms[0]);
            Arrays.sort(ms[1]);
            double mb = ms[0][reps / 2], mn = ms[1][reps / 2];
            System.out.printf("%s\t%.2f\t%.2f\t%.2fx%n", name, mb, mn, mb / mn);
        }
    }
}
