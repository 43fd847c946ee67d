// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;

/**
 * The pieces OpenBLAS's single-threaded {@code sgemm} driver (driver/level3/level3.c) is made of, bound one by one
 * through FFM (JDK 22+, reached by reflection as {@link FfmGemm} does): the Haswell micro-kernel
 * {@code sgemm_kernel_HASWELL} and the four packing routines {@code sgemm_{it,in,on,ot}copy_HASWELL}, exported by
 * the DYNAMIC_ARCH library nd4j-native ships (0.3.19). {@link SharedPackSgemm} calls them to run a product on two
 * threads that share one packed copy of each operand, where one {@code cblas_sgemm} per {@link GemmBlocks} block
 * packs the shared operand once per block.
 *
 * <p>Bound only when the library runs its Haswell kernels (the shipped {@code OPENBLAS_CORETYPE=Haswell}): the
 * {@code gotoblas} table OpenBLAS dispatches through must be {@code gotoblas_HASWELL}, and its blocking parameters
 * (read from that table: GEMM_P, GEMM_Q, GEMM_R, GEMM_UNROLL_M, GEMM_UNROLL_N) must be the ones this build was
 * measured with, since the bits of a product depend on them (SharedPackSgemm says how). Any other core type, library
 * or JDK leaves {@link #ready} false and products go through {@code cblas_sgemm} as before.
 */
final class HaswellSgemm {
    private HaswellSgemm() {}

    /** level3.c's blocking for Haswell sgemm in this build (param.h: 320 x 320 blocks, an 8 x 4 micro-kernel). */
    static final int P = 320, Q = 320, UNROLL_M = 8, UNROLL_N = 4;
    /** GEMM_R: level3.c splits N into blocks of this many columns; SharedPackSgemm takes N up to it only. */
    static final int R = 104512;

    /**
     * {@code (m, n, k, alpha, sa, sb, c[], cOff, ldc)int}: C(m x n, column-major, ldc) += alpha * packed A(m x k) *
     * packed B(k x n); {@code sa} and {@code sb} are native addresses. And the packing routines
     * {@code (rows, cols, src[], srcOff, ld, dst)int} (level3.c's argument order: min_l first).
     */
    private static final class Handles {
        static final MethodHandle KERNEL, ITCOPY, INCOPY, ONCOPY, OTCOPY;

        static {
            try {
                Object haswell = FfmGemm.find("gotoblas_HASWELL"), table = FfmGemm.find("gotoblas");
                String why = checkTable(table, haswell);
                if (why != null) throw new IllegalStateException(why);
                KERNEL = bindKernel();
                ITCOPY = bindCopy("sgemm_itcopy_HASWELL");
                INCOPY = bindCopy("sgemm_incopy_HASWELL");
                ONCOPY = bindCopy("sgemm_oncopy_HASWELL");
                OTCOPY = bindCopy("sgemm_otcopy_HASWELL");
            } catch (Throwable e) {
                throw new IllegalStateException("cannot bind OpenBLAS's Haswell sgemm kernels: " + e.getMessage(), e);
            }
        }
    }

    private static volatile boolean bound;
    private static volatile String problem = "not bound yet";

    /** Whether the kernels are bound (after {@link #bind}, which FfmGemm's binding thread calls when SharedPackSgemm is on). */
    static boolean ready() {
        return bound;
    }

    /** Why not, for diagnostics and tests. */
    static String problem() {
        return bound ? null : problem;
    }

    /** Binds once; never throws (a failure leaves {@link #ready} false and says why in {@link #problem}). */
    static synchronized void bind() {
        if (bound) return;
        try {
            if (Handles.KERNEL == null) throw new IllegalStateException("no kernel handle");
            bound = true;
        } catch (Throwable e) {
            problem = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    static void kernel(long m, long n, long k, float alpha, long sa, long sb, float[] c, int cOff, long ldc) {
        try {
            int unused = (int) Handles.KERNEL.invokeExact(m, n, k, alpha, sa, sb, c, cOff, ldc);
        } catch (Throwable e) {
            throw FfmGemm.rethrow(e);
        }
    }

    /**
     * Packs {@code rows} x {@code cols} of a matrix for the kernel's A side: level3.c's ICOPY_OPERATION, {@code it}
     * for an untransposed A (in OpenBLAS's column-major terms), {@code in} for a transposed one.
     */
    static void copyA(boolean transposed, long rows, long cols, float[] src, int off, long ld, long dst) {
        try {
            int unused = transposed ? (int) Handles.INCOPY.invokeExact(rows, cols, src, off, ld, dst)
                    : (int) Handles.ITCOPY.invokeExact(rows, cols, src, off, ld, dst);
        } catch (Throwable e) {
            throw FfmGemm.rethrow(e);
        }
    }

    /** The B side: level3.c's OCOPY_OPERATION, {@code on} untransposed, {@code ot} transposed. */
    static void copyB(boolean transposed, long rows, long cols, float[] src, int off, long ld, long dst) {
        try {
            int unused = transposed ? (int) Handles.OTCOPY.invokeExact(rows, cols, src, off, ld, dst)
                    : (int) Handles.ONCOPY.invokeExact(rows, cols, src, off, ld, dst);
        } catch (Throwable e) {
            throw FfmGemm.rethrow(e);
        }
    }

    /**
     * Null when OpenBLAS dispatches through the Haswell table with the parameters above. The table's first fields
     * (common_param.h of 0.3.19 without bfloat16): dtb_entries, offsetA, offsetB, align, then sgemm_p, sgemm_q,
     * sgemm_r, sgemm_unroll_m, sgemm_unroll_n as ints.
     */
    private static String checkTable(Object tablePointer, Object haswell) throws Throwable {
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> addressLayout = Class.forName("java.lang.foreign.AddressLayout");
        Class<?> intLayout = Class.forName("java.lang.foreign.ValueLayout$OfInt");
        Object addressOf = valueLayout.getField("ADDRESS").get(null), intOf = valueLayout.getField("JAVA_INT").get(null);
        var reinterpret = segment.getMethod("reinterpret", long.class);
        var address = segment.getMethod("address");
        Object table = segment.getMethod("get", addressLayout, long.class).invoke(reinterpret.invoke(tablePointer, 8L), addressOf, 0L);
        if ((long) address.invoke(table) != (long) address.invoke(haswell))
            return "OpenBLAS does not run its Haswell kernels (OPENBLAS_CORETYPE)";
        Object fields = reinterpret.invoke(table, 64L);
        var getInt = segment.getMethod("get", intLayout, long.class);
        int[] want = {P, Q, R, UNROLL_M, UNROLL_N};
        for (int i = 0; i < want.length; i++) {
            int got = (int) getInt.invoke(fields, intOf, 16L + 4L * i);
            if (got != want[i]) return "OpenBLAS's Haswell sgemm parameter " + i + " is " + got + ", not " + want[i];
        }
        return null;
    }

    private static MethodHandle bindKernel() throws Throwable {
        Ffm f = new Ffm();
        MethodHandle h = f.downcall("sgemm_kernel_HASWELL", f.i32, f.i64, f.i64, f.i64, f.f32, f.i64, f.i64, f.address, f.i64);
        h = MethodHandles.collectArguments(h, 6, f.slice());
        return checked(h, MethodType.methodType(int.class, long.class, long.class, long.class, float.class, long.class,
                long.class, float[].class, int.class, long.class));
    }

    private static MethodHandle bindCopy(String name) throws Throwable {
        Ffm f = new Ffm();
        MethodHandle h = f.downcall(name, f.i32, f.i64, f.i64, f.address, f.i64, f.i64);
        h = MethodHandles.collectArguments(h, 2, f.slice());
        return checked(h, MethodType.methodType(int.class, long.class, long.class, float[].class, int.class, long.class, long.class));
    }

    private static MethodHandle checked(MethodHandle h, MethodType want) {
        if (!h.type().equals(want)) throw new IllegalStateException("handle type " + h.type() + ", expected " + want);
        return h;
    }

    /** The FFM classes and layouts, by reflection (the engine compiles for Java 17). */
    private static final class Ffm {
        final Class<?> segment, layout, descriptor, linker, option;
        final Object i32, i64, f32, address;

        Ffm() throws Throwable {
            segment = Class.forName("java.lang.foreign.MemorySegment");
            layout = Class.forName("java.lang.foreign.MemoryLayout");
            descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
            linker = Class.forName("java.lang.foreign.Linker");
            option = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            i32 = valueLayout.getField("JAVA_INT").get(null);
            i64 = valueLayout.getField("JAVA_LONG").get(null);
            f32 = valueLayout.getField("JAVA_FLOAT").get(null);
            address = valueLayout.getField("ADDRESS").get(null);
        }

        /** A critical downcall (heap arrays allowed) to {@code name} returning {@code result}. */
        MethodHandle downcall(String name, Object result, Object... args) throws Throwable {
            Object layouts = Array.newInstance(layout, args.length);
            for (int i = 0; i < args.length; i++) Array.set(layouts, i, args[i]);
            Object fd = descriptor.getMethod("of", layout, layouts.getClass()).invoke(null, result, layouts);
            Object options = Array.newInstance(option, 1);
            Array.set(options, 0, option.getMethod("critical", boolean.class).invoke(null, true));
            Object nativeLinker = linker.getMethod("nativeLinker").invoke(null);
            return (MethodHandle) linker.getMethod("downcallHandle", segment, descriptor, options.getClass())
                    .invoke(nativeLinker, FfmGemm.find(name), fd, options);
        }

        /** {@code (float[] array, int offset) -> MemorySegment.ofArray(array).asSlice(offset * 4)}. */
        MethodHandle slice() throws Throwable {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle ofArray = lookup.findStatic(segment, "ofArray", MethodType.methodType(segment, float[].class));
            MethodHandle asSlice = lookup.findVirtual(segment, "asSlice", MethodType.methodType(segment, long.class));
            MethodHandle toBytes = lookup.findStatic(HaswellSgemm.class, "floatBytes", MethodType.methodType(long.class, int.class));
            return MethodHandles.filterArguments(MethodHandles.filterArguments(asSlice, 0, ofArray), 1, toBytes);
        }
    }

    private static long floatBytes(int offset) {
        return offset * 4L;
    }
}
