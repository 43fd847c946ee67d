// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.Loader;

/**
 * OpenBLAS {@code cblas_sgemm}/{@code cblas_dgemm} on the Java arrays themselves, no copies: on JDK 22+ through the
 * FFM API as a critical downcall with heap access ({@code Linker.Option.critical(true)}), so OpenBLAS reads A and B
 * and writes C where they are. The copying {@link NativeGemm} stays for JDK 17-21 (and if anything here fails);
 * both run the same single-threaded OpenBLAS calls on the same {@link GemmBlocks} blocks, so results are the same
 * bits either way (FfmGemmTest). The library is the one {@link NativeGemm} loaded through JavaCPP. The handles are
 * made on a daemon thread after the first native product ({@link #bindSoon}); products use the copies until then.
 *
 * <p>Why a MethodHandle bridge and not a multi-release jar: the engine is compiled for Java 17, where
 * {@code java.lang.foreign} does not exist. The API is reached by reflection once, on the binding thread
 * ({@code Handles}' initializer), and the downcall handle is then adapted ({@code MemorySegment.ofArray(a).asSlice(offset)} folded in) to
 * {@code (int, int, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int)void}, a type
 * Java 17 can name, so the call site is a plain {@code invokeExact} the JIT inlines. One source file, no second
 * compiler run, a build on a machine with JDK 17 alone still has the fast path, and the same jar gets it on
 * whatever JDK runs it (Temurin 25 in the kernel).
 *
 * <p>A critical call keeps its thread in Java state: no safepoint, so no garbage collection, can happen until
 * OpenBLAS returns (that is what lets it use heap addresses). One {@link GemmBlocks} block at a time is one call
 * (a 2048 product's block takes ~50 ms on one core); the kernel runs SerialGC, which stops every thread for a
 * collection anyway, so a collection that other threads ask for waits at most one block.
 *
 * <p>{@code -Dgradbook.blas.ffm=false} keeps the copying path (for benchmarks).
 */
final class FfmGemm {
    private FfmGemm() {}

    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    /**
     * The adapted downcall handles. A class of their own, initialized by the binding thread: static final, so the JIT
     * inlines the handle (and the segments it makes) into each call; only read once {@link #ready} is true.
     */
    private static final class Handles {
        static final MethodHandle SGEMM, DGEMM;

        static {
            try {
                SGEMM = bind("cblas_sgemm", float.class, float[].class, 4);
                DGEMM = bind("cblas_dgemm", double.class, double[].class, 8);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot bind OpenBLAS through FFM: " + e, e);
            }
        }
    }

    /** JDK 22+ (Linker.Option.critical is final there) and not switched off. */
    private static final boolean ENABLED = Runtime.version().feature() >= 22
            && Boolean.parseBoolean(System.getProperty("gradbook.blas.ffm", "true"));

    private static volatile boolean bound;
    private static volatile Throwable problem;
    /** Counted down when binding is over, whichever way it went. */
    private static final CountDownLatch OVER = new CountDownLatch(1);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** Whether products can go through here now (after {@link #bindSoon}, once binding is done). */
    static boolean ready() {
        return bound;
    }

    /**
     * Starts binding on a daemon thread, once; {@link Gemm} calls it after the first product it ran through
     * {@link NativeGemm}'s copies (the same bits). Not before or instead: creating the downcall handles costs
     * 0.3-0.6 s of CPU on the loaded reference machine (the FFM linker's start-up; OpenBLAS's loading costs as much
     * again). Started before the first product, it made that product 0.4-1 s slower there (its first 64x64x64
     * product 2.1-3.2 s against 1.3-2.4 s with copies alone, load ~20); started after, the first product costs what
     * it did (1.8-2.6 s against 1.4-2.8 s) and a product while the binding runs a few ms more.
     */
    static void bindSoon() {
        if (!ENABLED || bound || !STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(FfmGemm::bind, "gradbook-ffm-gemm");
        t.setDaemon(true);
        t.start();
    }

    /** Whether products go through here, binding now if no product started it (tests, benchmarks). */
    static boolean available() {
        if (!bound && ENABLED) {
            bindSoon();
            try {
                OVER.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return bound;
    }

    /** Why not, for diagnostics. */
    static String problem() {
        if (!ENABLED) return "needs JDK 22+ and not -Dgradbook.blas.ffm=false";
        return problem == null ? (bound ? null : "not bound yet") : problem.toString();
    }

    private static void bind() {
        try {
            if (!NativeGemm.available()) throw new IllegalStateException("OpenBLAS did not load");
            if (Handles.SGEMM == null || Handles.DGEMM == null) throw new IllegalStateException("no handles");
            bound = true; // in-place cblas calls from here on
            // Then OpenBLAS's Haswell kernels, for TorchBlas's 2-thread float32 split (SgemmInnerThread) and
            // SharedPackSgemm: their five downcall handles take the binding from 230-280 to 390-420 ms of CPU
            // (bench/FfmBindCost.java), so they come after `bound`, and only when one of them is on; until then the
            // split runs as SgemmThreads' single-threaded calls (the same bits)
            if (TorchBlas.KERNELS || SharedPackSgemm.ENABLED) HaswellSgemm.bind(); // never throws; off when not Haswell
        } catch (Throwable e) {
            problem = e;
        } finally {
            OVER.countDown();
        }
        SplitWarmUp.run(); // the float32 split's Java side compiled before a training loop's next run needs it
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (SharedPackSgemm.fits(m, n, k, alpha)) {
            SharedPackSgemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        NativeGemm.blocks(m, n, k, (r0, r1, c0, c1) -> sgemmCall(transA, transB, r1 - r0, c1 - c0, k, alpha,
                a, aOff + (transA ? r0 : r0 * lda), lda, b, bOff + (transB ? c0 * ldb : c0), ldb, beta, c, cOff + r0 * ldc + c0, ldc));
    }

    /** One {@code cblas_sgemm} call on the whole product (on OpenBLAS's threads, however many it has). */
    static void sgemmCall(boolean transA, boolean transB, int m, int n, int k, float alpha,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
        try {
            Handles.SGEMM.invokeExact(transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        NativeGemm.blocks(m, n, k, (r0, r1, c0, c1) -> dgemmCall(transA, transB, r1 - r0, c1 - c0, k, alpha,
                a, aOff + (transA ? r0 : r0 * lda), lda, b, bOff + (transB ? c0 * ldb : c0), ldb, beta, c, cOff + r0 * ldc + c0, ldc));
    }

    /** One {@code cblas_dgemm} call on the whole product (on OpenBLAS's threads, however many it has). */
    static void dgemmCall(boolean transA, boolean transB, int m, int n, int k, double alpha,
                          double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                          double beta, double[] c, int cOff, int ldc) {
        try {
            Handles.DGEMM.invokeExact(transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** A downcall's failure as it is: unchecked ones rethrown, a checked one wrapped (HaswellSgemm's calls too). */
    static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
        throw new IllegalStateException(e);
    }

    /**
     * The downcall handle of {@code name} (scalar type {@code scalar}, arrays {@code array}), adapted to take each
     * matrix as (array, element offset) and with the row-major order bound:
     * {@code (transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc)void}.
     */
    private static MethodHandle bind(String name, Class<?> scalar, Class<?> array, int bytes) throws Throwable {
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        Class<?> option = Class.forName("java.lang.foreign.Linker$Option");

        Object symbol = find(segment, name);
        Object i32 = valueLayout.getField("JAVA_INT").get(null);
        Object real = valueLayout.getField(scalar == float.class ? "JAVA_FLOAT" : "JAVA_DOUBLE").get(null);
        Object address = valueLayout.getField("ADDRESS").get(null);
        // Order, TransA, TransB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc
        Object[] args = {i32, i32, i32, i32, i32, i32, real, address, i32, address, i32, real, address, i32};
        Object layouts = Array.newInstance(layout, args.length);
        for (int i = 0; i < args.length; i++) Array.set(layouts, i, args[i]);
        Object fd = descriptor.getMethod("ofVoid", layouts.getClass()).invoke(null, layouts);
        Object options = Array.newInstance(option, 1);
        Array.set(options, 0, option.getMethod("critical", boolean.class).invoke(null, true));
        Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
        MethodHandle h = (MethodHandle) linkerClass.getMethod("downcallHandle", segment, descriptor, options.getClass())
                .invoke(linker, symbol, fd, options);

        // (array, element offset) -> MemorySegment.ofArray(array).asSlice(offset * bytes)
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle ofArray = lookup.findStatic(segment, "ofArray", MethodType.methodType(segment, array));
        MethodHandle asSlice = lookup.findVirtual(segment, "asSlice", MethodType.methodType(segment, long.class));
        MethodHandle toBytes = lookup.findStatic(FfmGemm.class, bytes == 4 ? "floatBytes" : "doubleBytes",
                MethodType.methodType(long.class, int.class));
        MethodHandle slice = MethodHandles.filterArguments(MethodHandles.filterArguments(asSlice, 0, ofArray), 1, toBytes);
        h = MethodHandles.collectArguments(h, 12, slice); // C, from the right so the earlier positions stay put
        h = MethodHandles.collectArguments(h, 9, slice); // B
        h = MethodHandles.collectArguments(h, 7, slice); // A
        h = MethodHandles.insertArguments(h, 0, ROW_MAJOR);
        MethodType want = MethodType.methodType(void.class, int.class, int.class, int.class, int.class, int.class, scalar,
                array, int.class, int.class, array, int.class, int.class, scalar, array, int.class, int.class);
        if (!h.type().equals(want)) throw new IllegalStateException("cblas handle type " + h.type() + ", expected " + want);
        return h;
    }

    /**
     * The symbol, from the libraries this class's loader loaded (JavaCPP's {@code Loader} loads libopenblas with
     * {@code System.load}); else from the file JavaCPP unpacked, opened again by path (the same library: dlopen
     * counts it once more).
     */
    static Object find(String name) throws Throwable {
        return find(Class.forName("java.lang.foreign.MemorySegment"), name);
    }

    private static Object find(Class<?> segment, String name) throws Throwable {
        Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
        Method find = lookupClass.getMethod("find", String.class);
        Object loaderLookup = lookupClass.getMethod("loaderLookup").invoke(null);
        Optional<?> found = (Optional<?>) find.invoke(loaderLookup, name);
        if (found.isPresent()) return found.get();
        for (var e : Loader.getLoadedLibraries().entrySet()) {
            if (!e.getKey().startsWith("openblas_nolapack") || e.getValue() == null) continue;
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Object global = arena.getMethod("global").invoke(null);
            Object lib = lookupClass.getMethod("libraryLookup", Path.class, arena).invoke(null, Path.of(e.getValue()), global);
            found = (Optional<?>) find.invoke(lib, name);
            if (found.isPresent()) return found.get();
        }
        throw new IllegalStateException(name + " not found in the loaded OpenBLAS");
    }

    private static long floatBytes(int offset) {
        return offset * 4L;
    }

    private static long doubleBytes(int offset) {
        return offset * 8L;
    }
}
