// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.function.Supplier;

/**
 * The pieces of OpenBLAS's Haswell sgemm that inner_thread's loop ({@link SgemmInnerThread}) calls, with the buffers
 * they pack into: a block of A packed, a panel of B packed at a place in packed B, the micro-kernel on packed A and a
 * place in packed B. Two sources with the same packed layout and the same arithmetic (so the loop is written once and
 * gives the same bits from either): {@link #NATIVE}, OpenBLAS's own routines bound through FFM ({@link HaswellSgemm},
 * JDK 22+) on off-heap {@link PackScratch}, and {@link #JAVA}, their port ({@link HaswellPack32}, {@link
 * HaswellKernel32}; JDK 17-21) on heap arrays. One instance per thread of a product; places in packed B count floats.
 */
abstract class SgemmPieces implements AutoCloseable {
    private static final int PACKED_A = SgemmThreads.P * SgemmThreads.Q;

    /** OpenBLAS's routines through FFM, once {@link HaswellSgemm#ready}. */
    static final Supplier<SgemmPieces> NATIVE = Native::new;
    /** The Java port, where {@link SgemmInnerThread32#usable}. */
    static final Supplier<SgemmPieces> JAVA = Java::new;
    /** The Java port 16 lanes at a time (A in {@link WidePack32}'s panels), where {@link WideSgemm#usable}. */
    static final Supplier<SgemmPieces> WIDE = Wide::new;

    /** Makes room for this many floats of packed B (before any {@link #packB}). */
    abstract void reserveB(long floats);

    /** Rows [0, minI) of a block of A, minL deep, packed (column-major A at aOff, or its transpose). */
    void packA(boolean transA, int minL, int minI, float[] a, int aOff, int lda) {
        packA(transA, minL, minI, a, aOff, lda, 0);
    }

    /** Makes room for this many floats of packed A (more than one block's; before any {@link #packA} beyond one). */
    abstract void reserveA(long floats);

    /** {@link #packA} at {@code at} floats into packed A (for several blocks of k packed at once). */
    abstract void packA(boolean transA, int minL, int minI, float[] a, int aOff, int lda, long at);

    /** Columns [0, w) of a block of B, minL deep, packed at {@code at} floats into packed B. */
    abstract void packB(boolean transB, int minL, int w, float[] b, int bOff, int ldb, long at);

    /** {@code C += packed A (minI x minL) times packed B from bAt (minL x n)}, C column-major at cOff. */
    abstract void kernel(int minI, int n, int minL, long bAt, float[] c, int cOff, int ldc);

    /**
     * {@code C += packed A (minI x minL) times B packed by {@link SgemmSharedB.Job} from {@code bAt} floats into its
     * shared buffer} (the packed B of the job's {@link SgemmSharedB.Job#shared} pieces, of this kind).
     */
    abstract void kernelShared(int minI, int n, int minL, SgemmSharedB.Job job, long bAt, float[] c, int cOff, int ldc);

    /**
     * {@code C += packed A from aAt (minI x minL) times B packed by {@code shared} (pieces of this kind) from bAt}:
     * {@link SgemmChunkedB}'s call, whose A holds every block of k.
     */
    abstract void kernelAt(int minI, int n, int minL, long aAt, SgemmPieces shared, long bAt, float[] c, int cOff, int ldc);

    /** Gives the buffers back for the next product. */
    @Override
    public abstract void close();

    private static final class Native extends SgemmPieces {
        private final PackScratch scratch = PackScratch.take();
        private long sa = scratch.a.address(PACKED_A);
        private long sb;

        @Override
        void reserveA(long floats) {
            sa = scratch.a.address(Math.max(PACKED_A, floats));
        }

        @Override
        void reserveB(long floats) {
            sb = scratch.b.address(floats);
        }

        @Override
        void packA(boolean transA, int minL, int minI, float[] a, int aOff, int lda, long at) {
            HaswellSgemm.copyA(transA, minL, minI, a, aOff, lda, sa + 4L * at);
        }

        @Override
        void packB(boolean transB, int minL, int w, float[] b, int bOff, int ldb, long at) {
            HaswellSgemm.copyB(transB, minL, w, b, bOff, ldb, sb + 4L * at);
        }

        @Override
        void kernel(int minI, int n, int minL, long bAt, float[] c, int cOff, int ldc) {
            HaswellSgemm.kernel(minI, n, minL, 1f, sa, sb + 4L * bAt, c, cOff, ldc);
        }

        @Override
        void kernelShared(int minI, int n, int minL, SgemmSharedB.Job job, long bAt, float[] c, int cOff, int ldc) {
            HaswellSgemm.kernel(minI, n, minL, 1f, sa, ((Native) job.shared).sb + 4L * bAt, c, cOff, ldc);
        }

        @Override
        void kernelAt(int minI, int n, int minL, long aAt, SgemmPieces shared, long bAt, float[] c, int cOff, int ldc) {
            HaswellSgemm.kernel(minI, n, minL, 1f, sa + 4L * aAt, ((Native) shared).sb + 4L * bAt, c, cOff, ldc);
        }

        @Override
        public void close() {
            scratch.giveBack();
        }
    }

    /** The port's buffers are kept between products in a pool of their own (fresh arrays would be zeroed each time). */
    private static class Java extends SgemmPieces {
        private static final java.util.concurrent.ConcurrentLinkedDeque<float[][]> FREE =
                new java.util.concurrent.ConcurrentLinkedDeque<>();
        final float[][] buffers;

        Java() {
            float[][] kept = FREE.pollFirst();
            buffers = kept != null ? kept : new float[][] {new float[PACKED_A], new float[0]};
        }

        @Override
        void reserveB(long floats) {
            if (buffers[1].length < floats) buffers[1] = new float[Math.toIntExact(floats)];
        }

        @Override
        void reserveA(long floats) {
            if (buffers[0].length < floats) buffers[0] = new float[Math.toIntExact(floats)];
        }

        @Override
        void packA(boolean transA, int minL, int minI, float[] a, int aOff, int lda, long at) {
            HaswellPack32.packA(transA, minL, minI, a, aOff, lda, buffers[0], (int) at);
        }

        @Override
        void packB(boolean transB, int minL, int w, float[] b, int bOff, int ldb, long at) {
            HaswellPack32.packB(transB, minL, w, b, bOff, ldb, buffers[1], (int) at);
        }

        @Override
        void kernel(int minI, int n, int minL, long bAt, float[] c, int cOff, int ldc) {
            HaswellKernel32.kernel(minI, n, minL, 1f, buffers[0], 0, buffers[1], (int) bAt, c, cOff, ldc);
        }

        @Override
        void kernelShared(int minI, int n, int minL, SgemmSharedB.Job job, long bAt, float[] c, int cOff, int ldc) {
            HaswellKernel32.kernel(minI, n, minL, 1f, buffers[0], 0, ((Java) job.shared).buffers[1], (int) bAt, c, cOff, ldc);
        }

        @Override
        void kernelAt(int minI, int n, int minL, long aAt, SgemmPieces shared, long bAt, float[] c, int cOff, int ldc) {
            HaswellKernel32.kernel(minI, n, minL, 1f, buffers[0], (int) aAt, ((Java) shared).buffers[1], (int) bAt, c, cOff, ldc);
        }

        @Override
        public void close() {
            if (buffers[0].length > NativeGemm.KEEP) buffers[0] = new float[PACKED_A];
            if (buffers[1].length > NativeGemm.KEEP) buffers[1] = new float[0];
            FREE.offerFirst(buffers);
        }
    }

    /**
     * The port with {@link WideKernel32}: A packed in 32-row panels, B as the port packs it (so a shared B's job works
     * alike); the port's pool of buffers.
     */
    private static final class Wide extends Java {
        @Override
        void packA(boolean transA, int minL, int minI, float[] a, int aOff, int lda, long at) {
            WidePack32.packA(transA, minL, minI, a, aOff, lda, buffers[0], (int) at);
        }

        @Override
        void packB(boolean transB, int minL, int w, float[] b, int bOff, int ldb, long at) {
            WidePack32.packB(transB, minL, w, b, bOff, ldb, buffers[1], (int) at);
        }

        @Override
        void kernel(int minI, int n, int minL, long bAt, float[] c, int cOff, int ldc) {
            WideKernel32.kernel(minI, n, minL, 1f, buffers[0], 0, buffers[1], (int) bAt, c, cOff, ldc);
        }

        @Override
        void kernelShared(int minI, int n, int minL, SgemmSharedB.Job job, long bAt, float[] c, int cOff, int ldc) {
            WideKernel32.kernel(minI, n, minL, 1f, buffers[0], 0, ((Java) job.shared).buffers[1], (int) bAt, c, cOff, ldc);
        }

        @Override
        void kernelAt(int minI, int n, int minL, long aAt, SgemmPieces shared, long bAt, float[] c, int cOff, int ldc) {
            WideKernel32.kernel(minI, n, minL, 1f, buffers[0], (int) aAt, ((Java) shared).buffers[1], (int) bAt, c, cOff, ldc);
        }
    }
}
