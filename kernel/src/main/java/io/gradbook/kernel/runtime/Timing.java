// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * IPython's {@code %timeit} and {@code %time}, for the kernel's magics (a {@code %timeit x.add(y)} line becomes a
 * call here with the statement as a lambda). The printed lines are IPython 8's, character for character:
 * {@code 1.23 µs ± 45.6 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)} and
 * {@code CPU times: user 1.2 ms, sys: 0 ns, total: 1.2 ms} / {@code Wall time: 1.5 ms}.
 */
public final class Timing {
    private Timing() {}

    /** A timed statement (a void lambda body; may throw, as cell code may). */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** A timed expression: its value is what {@code %time expr} shows. */
    @FunctionalInterface
    public interface ValueBody {
        Object get() throws Exception;
    }

    /**
     * {@code %timeit [-n loops] [-r runs] stmt}: loops = 0 chooses 1, 10, 100, ... until one run takes 0.2 s, as
     * IPython does; runs defaults to 7.
     */
    public static void timeit(int loops, int runs, Body body) throws Exception {
        timeit(loops, runs, null, body);
    }

    /** The value-returning form ({@code %timeit a + b}): the value is computed and dropped. */
    public static void timeit(int loops, int runs, ValueBody body) throws Exception {
        timeit(loops, runs, null, () -> body.get());
    }

    /** {@code %%timeit setup}: setup runs once before each run, untimed. */
    public static void timeit(int loops, int runs, Body setup, Body body) throws Exception {
        if (runs < 1) throw new IllegalArgumentException("%timeit -r needs at least 1 run, got " + runs);
        if (loops < 0) throw new IllegalArgumentException("%timeit -n needs a positive number of loops, got " + loops);
        int number = loops;
        if (number == 0) {
            for (int index = 0; index < 10; index++) {
                number = (int) Math.pow(10, index);
                if (run(setup, body, number) >= 0.2) break;
            }
        }
        double[] all = new double[runs];
        for (int r = 0; r < runs; r++) all[r] = run(setup, body, number);
        double best = Double.POSITIVE_INFINITY, worst = 0;
        for (double t : all) {
            best = Math.min(best, t / number);
            worst = Math.max(worst, t / number);
        }
        if (worst > 4 * best && best > 0 && worst > 1e-6) {
            System.out.println(String.format(Locale.ROOT, "The slowest run took %.2f times longer than the fastest. This could mean that an intermediate result is being cached.", worst / best));
        }
        System.out.println(timeitLine(number, runs, all));
    }

    /** IPython's TimeitResult text for the total times of each run of {@code number} loops. */
    static String timeitLine(int number, int runs, double[] all) {
        double[] per = new double[all.length], dev = new double[all.length];
        for (int i = 0; i < all.length; i++) per[i] = all[i] / number;
        double mean = fsum(per) / per.length;
        for (int i = 0; i < per.length; i++) dev[i] = (per[i] - mean) * (per[i] - mean);
        double std = Math.sqrt(fsum(dev) / per.length);
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %s loop%s each)",
                formatTime(mean), formatTime(std), runs, runs == 1 ? "" : "s", String.format(Locale.ROOT, "%,d", number), number == 1 ? "" : "s");
    }

    /** Python's math.fsum: the exactly rounded sum (IPython averages timings with it). */
    static double fsum(double[] v) {
        java.math.BigDecimal acc = java.math.BigDecimal.ZERO;
        for (double d : v) acc = acc.add(new java.math.BigDecimal(d));
        return acc.doubleValue();
    }

    private static double run(Body setup, Body body, int number) throws Exception {
        if (setup != null) setup.run();
        long t0 = System.nanoTime();
        for (int i = 0; i < number; i++) body.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {@code %time stmt}: runs it once and prints CPU and wall time. */
    public static void time(Body body) throws Exception {
        Clock c = Clock.start();
        try {
            body.run();
        } finally {
            c.print();
        }
    }

    /** {@code %time expr}: runs it once, prints the times, and returns the value (shown as the cell's result). */
    public static Object time(ValueBody body) throws Exception {
        Clock c = Clock.start();
        try {
            return body.get();
        } finally {
            c.print();
        }
    }

    /** Process CPU (user, system) and wall clock at a start point, as IPython reads getrusage and time.time. */
    public static final class Clock {
        private final long wall;
        private final double[] cpu;

        private Clock(long wall, double[] cpu) {
            this.wall = wall;
            this.cpu = cpu;
        }

        public static Clock start() {
            return new Clock(System.nanoTime(), cpuTimes());
        }

        /** Prints IPython's two lines for the time since start. */
        public void print() {
            double[] now = cpuTimes();
            double user = Math.max(0, now[0] - cpu[0]), sys = Math.max(0, now[1] - cpu[1]);
            System.out.println("CPU times: user " + formatTime(user) + ", sys: " + formatTime(sys) + ", total: " + formatTime(user + sys));
            System.out.println("Wall time: " + formatTime((System.nanoTime() - wall) / 1e9));
        }
    }

    /** User and system CPU seconds of this process: /proc/self/stat on Linux, else the JVM's total as user time. */
    static double[] cpuTimes() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat(5) (utime, stime), counted from after the command name, in clock ticks
            double tick = 100.0;
            return new double[] {Long.parseLong(f[11]) / tick, Long.parseLong(f[12]) / tick};
        } catch (Exception | Error e) {
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) return new double[] {sun.getProcessCpuTime() / 1e9, 0};
            return new double[] {0, 0};
        }
    }

    /** IPython's {@code _format_time}: 3 significant digits in s, ms, µs or ns; minutes and up as 1min 5s. */
    public static String formatTime(double timespan) {
        if (timespan >= 60.0) {
            String[] suffix = {"d", "h", "min", "s"};
            double[] length = {86400, 3600, 60, 1};
            StringBuilder sb = new StringBuilder();
            double leftover = timespan;
            for (int i = 0; i < suffix.length; i++) {
                long value = (long) (leftover / length[i]);
                if (value > 0) {
                    leftover = leftover % length[i];
                    if (sb.length() > 0) sb.append(' ');
                    sb.append(value).append(suffix[i]);
                }
                if (leftover < 1) break;
            }
            return sb.toString();
        }
        String[] units = {"s", "ms", "\u00b5s", "ns"};
        double[] scaling = {1, 1e3, 1e6, 1e9};
        int order = timespan > 0 ? Math.min(-(int) Math.floorDiv((long) Math.floor(Math.log10(timespan)), 3L), 3) : 3;
        return pythonG(timespan * scaling[order], 3) + " " + units[order];
    }

    /** Python's {@code "%.*g" % (precision, v)}: significant digits, trailing zeros dropped, exponent past 10^p. */
    static String pythonG(double v, int precision) {
        if (v == 0) return "0";
        int exp = (int) Math.floor(Math.log10(Math.abs(v)));
        // rounding can carry into the next decade (999.7 → 1e+03 at 3 digits)
        String sci = String.format(Locale.ROOT, "%." + (precision - 1) + "e", v);
        exp = Integer.parseInt(sci.substring(sci.indexOf('e') + 1));
        if (exp < -4 || exp >= precision) {
            String mant = sci.substring(0, sci.indexOf('e'));
            if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String fixed = String.format(Locale.ROOT, "%." + Math.max(0, precision - 1 - exp) + "f", v);
        if (fixed.contains(".")) fixed = fixed.replaceAll("0+$", "").replaceAll("\\.$", "");
        return fixed;
    }
}
