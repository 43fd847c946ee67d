// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Large float32/float64 arrays that backward has proven dead, handed back to the next op that allocates an output of
 * the same length (PyTorch's allocator hands back the block it just freed). A fresh JVM array is new memory further
 * along the young generation, cold in cache; a recycled one was written a moment ago: a 4 MB product into a recycled
 * array took 0.17-0.25 ms of CPU against 0.39-0.49 into a fresh one (bench/SinRowCells.java's notes, README).
 *
 * <p>Only the engine ({@link GraphTask}) gives arrays back, and only those of gradients it owns ({@link OwnedGrads} says when that is
 * proven). To prove a rule's result is fresh, the engine arms a per-thread log around each node and
 * {@link FunctionNode} records into it only while its rule runs (not while saved tensors are unpacked, which may run a
 * user's hook): every array {@link Storage#allocateForWrite} made in that window is noted.
 *
 * <p>At most {@link #MAX_BYTES} are kept (oldest dropped), arrays below {@link UninitializedArrays#MIN_LENGTH} are
 * never kept; {@code -Dgradbook.recycle=false} turns recycling and owned gradients off.
 */
final class GradArrays {
    private GradArrays() {}

    /** On unless {@code -Dgradbook.recycle=false}; tests switch it to compare both ways. */
    static volatile boolean enabled = Boolean.parseBoolean(System.getProperty("gradbook.recycle", "true"));
    /** Enough for the sin row's four 4 MB temporaries and a 784x256 MLP's; kept for the session, as glibc keeps its. */
    static final long MAX_BYTES = Long.getLong("gradbook.recycleBytes", 32L << 20);

    // ---- the pool ------------------------------------------------------------------------------------------------

    private static final int SLOTS = 16;
    private static final Object[] pool = new Object[SLOTS];
    private static int size;
    private static long bytes;

    /** A recycled float[n] (unspecified contents), or a new one from {@link UninitializedArrays}. Noted when armed. */
    static float[] floats(int n) {
        float[] a = n >= UninitializedArrays.MIN_LENGTH ? (float[]) take(float[].class, n) : null;
        if (a == null) a = UninitializedArrays.floats(n);
        note(a, n);
        return a;
    }

    /** As {@link #floats}, for double. */
    static double[] doubles(int n) {
        double[] a = n >= UninitializedArrays.MIN_LENGTH ? (double[]) take(double[].class, n) : null;
        if (a == null) a = UninitializedArrays.doubles(n);
        note(a, n);
        return a;
    }

    private static synchronized Object take(Class<?> type, int n) {
        for (int i = size - 1; i >= 0; i--) {
            Object a = pool[i];
            if (a.getClass() == type && java.lang.reflect.Array.getLength(a) == n) {
                System.arraycopy(pool, i + 1, pool, i, size - i - 1);
                pool[--size] = null;
                bytes -= sizeOf(a);
                return a;
            }
        }
        return null;
    }

    /** Keeps a dead tensor's array for the next allocation of its length; the caller has proven nothing else holds it. */
    static void give(Tensor dead) {
        Object a = dead.storage instanceof Storage.FloatStorage ? ((Storage.FloatStorage) dead.storage).a
                : dead.storage instanceof Storage.DoubleStorage ? ((Storage.DoubleStorage) dead.storage).a : null;
        if (a == null || java.lang.reflect.Array.getLength(a) < UninitializedArrays.MIN_LENGTH) return;
        give(a);
    }

    private static synchronized void give(Object a) {
        long b = sizeOf(a);
        if (b > MAX_BYTES) return;
        for (int i = 0; i < size; i++) if (pool[i] == a) return; // never twice: two owners of one array
        while (size > 0 && (size == SLOTS || bytes + b > MAX_BYTES)) {
            bytes -= sizeOf(pool[0]);
            System.arraycopy(pool, 1, pool, 0, --size);
            pool[size] = null;
        }
        pool[size++] = a;
        bytes += b;
    }

    private static long sizeOf(Object a) {
        return (long) java.lang.reflect.Array.getLength(a) * (a instanceof double[] ? 8 : 4);
    }

    /** Drops every kept array (tests). */
    static synchronized void clear() {
        java.util.Arrays.fill(pool, null);
        size = 0;
        bytes = 0;
    }

    /** How many arrays are kept (tests). */
    static synchronized int kept() {
        return size;
    }

    // ---- the fresh-array log -------------------------------------------------------------------------------------

    /** Per thread: the engine's log of arrays allocated while a rule ran, and whether a rule is running now. */
    static final class Log {
        /** Made on the first large array: a backward of small tensors never allocates or clears it. */
        private Set<Object> fresh;
        boolean recording;
        final Log outer;

        Log(Log outer) {
            this.outer = outer;
        }

        boolean isEmpty() {
            return fresh == null || fresh.isEmpty();
        }

        boolean contains(Object array) {
            return fresh != null && fresh.contains(array);
        }

        void clear() {
            if (fresh != null && !fresh.isEmpty()) fresh.clear();
        }

        void add(Object array) {
            if (fresh == null) fresh = Collections.newSetFromMap(new IdentityHashMap<>());
            fresh.add(array);
        }
    }

    private static final ThreadLocal<Log> LOG = new ThreadLocal<>();

    /** Arms this thread's log for one backward run (nested runs get their own); returns it, or null when off. */
    static Log arm() {
        if (!enabled) return null;
        Log l = new Log(LOG.get());
        LOG.set(l);
        return l;
    }

    /** Ends the run's log, restoring an outer run's. */
    static void disarm(Log l) {
        if (l == null) return;
        if (l.outer == null) LOG.remove();
        else LOG.set(l.outer);
    }

    /** Called by FunctionNode around its rule: arrays allocated in between are noted (when the engine armed a log). */
    static boolean recording(boolean on) {
        Log l = LOG.get();
        if (l == null) return false;
        boolean was = l.recording;
        l.recording = on;
        return was;
    }

    private static void note(Object a, int n) {
        if (n < UninitializedArrays.MIN_LENGTH) return;
        Log l = LOG.get();
        if (l != null && l.recording) l.add(a);
    }
}
