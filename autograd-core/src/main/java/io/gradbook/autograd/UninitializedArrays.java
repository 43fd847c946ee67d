// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Large primitive arrays that the caller overwrites in full, allocated without zeroing them first (PyTorch's
 * {@code at::empty} does not zero either). {@code new float[n]} writes n zeros that an element-wise op then
 * overwrites: for the 4 MB results of a 1000x1000 float32 op that is a second pass over memory the JVM's
 * allocation walks into cold.
 *
 * <p>Through the JDK's {@code jdk.internal.misc.Unsafe.allocateUninitializedArray} (a C2 intrinsic), reachable
 * only where the JVM was started with {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (the kernel's
 * JVM on JDK 25 has it for the Vector API on the boot class path; install.sh passes it on every JDK). Anywhere else,
 * or with {@code -Dgradbook.uninitialized=false}, a plain {@code new}: looked up once, nothing printed.
 */
final class UninitializedArrays {
    private UninitializedArrays() {}

    /** Below this many elements zeroing costs next to nothing and a plain {@code new} is as fast. */
    static final int MIN_LENGTH = 1 << 16;

    /** {@code Unsafe.allocateUninitializedArray(float.class, n)} as {@code (int)float[]}, or null; and for double. */
    private static final MethodHandle FLOATS = find(float.class, float[].class);
    private static final MethodHandle DOUBLES = find(double.class, double[].class);

    private static MethodHandle find(Class<?> component, Class<?> arrayType) {
        if (!Boolean.parseBoolean(System.getProperty("gradbook.uninitialized", "true"))) return null;
        try {
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object unsafe = lookup.findStatic(unsafeClass, "getUnsafe", MethodType.methodType(unsafeClass)).invoke();
            MethodHandle h = lookup.findVirtual(unsafeClass, "allocateUninitializedArray",
                    MethodType.methodType(Object.class, Class.class, int.class));
            h = MethodHandles.insertArguments(h, 0, unsafe, component).asType(MethodType.methodType(arrayType, int.class));
            // checked once: an array of the asked type and length comes back
            Object probe = h.invoke(4);
            return arrayType.isInstance(probe) && java.lang.reflect.Array.getLength(probe) == 4 ? h : null;
        } catch (Throwable notExported) {
            // IllegalAccessException without the export, NoSuchMethodException on a JDK without the method
            return null;
        }
    }

    /** Whether arrays come back unzeroed here (false: the plain {@code new} fallback). */
    static boolean available() {
        return FLOATS != null;
    }

    /** A float[n] with unspecified contents where available and n is large, else zeroed. */
    static float[] floats(int n) {
        if (FLOATS == null || n < MIN_LENGTH) return new float[n];
        try {
            return (float[]) FLOATS.invokeExact(n);
        } catch (Throwable t) {
            return new float[n];
        }
    }

    /** A double[n], as {@link #floats}. */
    static double[] doubles(int n) {
        if (DOUBLES == null || n < MIN_LENGTH) return new double[n];
        try {
            return (double[]) DOUBLES.invokeExact(n);
        } catch (Throwable t) {
            return new double[n];
        }
    }
}
