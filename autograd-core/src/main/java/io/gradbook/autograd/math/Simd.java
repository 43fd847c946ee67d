// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Whether the float32 kernels run eight lanes at a time through the JDK's Vector API ({@code Float32Simd}) or
 * lane by lane: the same bits either way. The Vector API is an incubator module in Java 17..25, present only when
 * the JVM starts with {@code --add-modules jdk.incubator.vector} (the tests and the benchmarks do) or has its classes on
 * the boot class path (the kernel on JDK 25+, as install.sh sets it up, with the JVM's vector flags); without
 * it, or with {@code -Dgradbook.simd=false}, or on hardware without 256-bit vectors, or without C2 (in both cases the
 * API would run lane by lane in Java, far slower than the scalar code), the scalar loops run. Classes that name
 * {@code jdk.incubator.vector} are loaded only after this check.
 *
 * <pre>
 * jshell&gt; Simd.enabled()
 * $1 ==&gt; true
 * </pre>
 */
public final class Simd {
    private Simd() {}

    private static final boolean AVAILABLE = detect();
    private static volatile boolean enabled = AVAILABLE;

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("gradbook.simd", "true"))) return false;
        // the boot loader has the API from its module (--add-modules jdk.incubator.vector) or, as install.sh sets up
        // JDK 25+, from its appended class path with the module left out (the start-up archive keeps more then)
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, null);
        } catch (ClassNotFoundException e) {
            return false;
        }
        // the API is fast only where C2 compiles it into vector instructions: in the interpreter or under C1 alone
        // (-Xint, -XX:TieredStopAtLevel=1, which the JVM reports as "emulated-client") every lanewise operation
        // allocates, and exp measured 160 ns per element against 3 for the scalar loop
        String vm = System.getProperty("java.vm.info", "");
        if (vm.contains("interpreted") || vm.contains("emulated-client")) return false;
        try {
            return Float32Simd.usable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The Vector API kernels can run in this JVM. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** The Vector API kernels run now. */
    public static boolean enabled() {
        return enabled;
    }

    /**
     * Switches between the vector and the scalar loops (both give the same bits), for benchmarks and tests that
     * compare the two in one process; {@code true} has no effect where the Vector API is not {@link #available()}.
     */
    public static void setEnabled(boolean on) {
        enabled = on && AVAILABLE;
    }
}
