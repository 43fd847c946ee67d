// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The iteration of an element-wise op over its operands, computed once per op (ATen's TensorIterator): every
 * operand is seen at the output's shape (a broadcast dim has stride 0), dims of length 1 are dropped, and
 * neighbouring dims that every operand steps through as one are merged. What is left is walked as runs along
 * the innermost dim: the op's loop gets each run's start positions and its length, and steps by
 * {@link #innerStride(int)}, so broadcasting and strided views never materialise copies, and a contiguous
 * tensor is a single run.
 *
 * <p>Large iterations are cut into chunks of {@link #CHUNK} elements (a multiple of 16, the 2 x 8 lanes of
 * PyTorch's vectorized loop, so the split between vector body and scalar tail is the one of a single run) that
 * run on the caller and the engine's workers (math.HotWorkers). The chunking depends only on the element count, never on the number of
 * threads, and each element is computed by itself, so results are the same on any machine.
 */
final class TensorIterator {
    /** Elements per parallel chunk; measured on the 2-core machine, smaller chunks cost more than they gain. */
    static final int CHUNK = 1 << 15;
    /** Iterations below this many elements stay on the calling thread. */
    static final int PARALLEL_MIN = 2 * CHUNK;
    /** Set by tests to check that results do not depend on threading. */
    static volatile boolean parallel = true;

    /** The loop body of one op: positions of each operand at the run's start, and the run's length. */
    @FunctionalInterface
    interface Run {
        void run(int[] pos, int n);
    }

    final int numel;
    private final int rank;
    private final int[] shape;
    /** strides[k * rank + d]: operand k's step along coalesced dim d (flat: no 2-D array allocation per op). */
    private final int[] strides;
    private final int[] offsets;

    private TensorIterator(int numel, int rank, int[] shape, int[] strides, int[] offsets) {
        this.numel = numel;
        this.rank = rank;
        this.shape = shape;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** The iteration of {@code operands} (operand 0 is usually the output) broadcast to {@code shape}. */
    static TensorIterator of(int[] shape, Tensor... operands) {
        // operand 0's dims are walked in its memory order (see memoryOrder); shape is reassigned then
        int nops = operands.length;
        int[] offsets = new int[nops];
        for (int k = 0; k < nops; k++) offsets[k] = operands[k].offset;
        TensorIterator flat = flat(shape, operands, offsets);
        if (flat != null) return flat;
        int rank = shape.length;
        int[] full = new int[nops * rank];
        for (int k = 0; k < nops; k++) {
            Tensor t = operands[k];
            System.arraycopy(broadcastStrides(t.shapeArray(), t.strides, shape), 0, full, k * rank, rank);
        }
        int[] order = memoryOrder(shape, full);
        if (order != null) {
            // walk operand 0 (the output) in its memory order, as PyTorch's reordered dims do (OutputLayout)
            int[] pShape = new int[rank], pFull = new int[nops * rank];
            for (int i = 0; i < rank; i++) {
                pShape[i] = shape[order[i]];
                for (int k = 0; k < nops; k++) pFull[k * rank + i] = full[k * rank + order[i]];
            }
            shape = pShape;
            full = pFull;
        }
        // coalesce from the innermost dim outwards; collected innermost-first into cs / cst[k * rank + i]
        int[] cs = new int[Math.max(rank, 1)];
        int[] cst = new int[nops * Math.max(rank, 1)];
        int n = 0;
        for (int d = rank - 1; d >= 0; d--) {
            if (shape[d] == 1) continue;
            if (n > 0 && mergeable(full, rank, d, cst, cs, n, nops)) {
                cs[n - 1] *= shape[d];
                continue;
            }
            cs[n] = shape[d];
            for (int k = 0; k < nops; k++) cst[k * Math.max(rank, 1) + n] = full[k * rank + d];
            n++;
        }
        int w = Math.max(rank, 1);
        if (n == 0) {
            cs[0] = 1;
            n = 1;
        }
        // reverse into outermost-first order
        int[] outShape = new int[n];
        int[] outStrides = new int[nops * n];
        for (int i = 0; i < n; i++) {
            outShape[i] = cs[n - 1 - i];
            for (int k = 0; k < nops; k++) outStrides[k * n + i] = cst[k * w + n - 1 - i];
        }
        return new TensorIterator(Shape.numel(shape), n, outShape, outStrides, offsets);
    }

    /**
     * The dims, outermost first, in operand 0's memory order (strides descending; equal strides and dims of length 1
     * keep their row-major place), or null when that is row-major already.
     */
    private static int[] memoryOrder(int[] shape, int[] full) {
        int rank = shape.length, prev = Integer.MAX_VALUE;
        boolean sorted = true;
        for (int d = 0; d < rank && sorted; d++) {
            if (shape[d] == 1) continue;
            if (full[d] > prev) sorted = false;
            prev = full[d];
        }
        if (sorted) return null;
        // dims of length 1 first (the coalescing drops them), then the others by a stable sort
        Integer[] dims = new Integer[rank];
        int ones = 0;
        for (int d = 0; d < rank; d++) if (shape[d] == 1) dims[ones++] = d;
        for (int d = 0, k = ones; d < rank; d++) if (shape[d] != 1) dims[k++] = d;
        java.util.Arrays.sort(dims, ones, rank, (p, q) -> Integer.compare(full[q], full[p]));
        int[] order = new int[rank];
        for (int d = 0; d < rank; d++) order[d] = dims[d];
        return order;
    }

    /**
     * The common case without any coalescing work: every operand either row-major contiguous at the full shape
     * (stride 1) or a single element (stride 0). Null if some operand is neither.
     */
    private static TensorIterator flat(int[] shape, Tensor[] operands, int[] offsets) {
        int nops = operands.length;
        int[] strides = new int[nops];
        for (int k = 0; k < nops; k++) {
            Tensor t = operands[k];
            if (t.numel() == 1 && t.dim() <= shape.length) strides[k] = 0;
            else if (java.util.Arrays.equals(t.shapeArray(), shape) && t.isContiguous()) strides[k] = 1;
            else return null;
        }
        int numel = Shape.numel(shape);
        if (numel == 1) java.util.Arrays.fill(strides, 0);
        return new TensorIterator(numel, 1, new int[] {numel}, strides, offsets);
    }

    /** Dim d merges into the already collected innermost dim n-1 when every operand steps through both as one. */
    private static boolean mergeable(int[] full, int rank, int d, int[] cst, int[] cs, int n, int nops) {
        int w = Math.max(rank, 1);
        for (int k = 0; k < nops; k++) {
            if ((long) full[k * rank + d] != (long) cst[k * w + n - 1] * cs[n - 1]) return false;
        }
        return true;
    }

    /** Strides of a tensor of shape {@code ts} seen at {@code shape}: 0 on broadcast dims. */
    static int[] broadcastStrides(int[] ts, int[] tStrides, int[] shape) {
        int[] s = new int[shape.length];
        int lead = shape.length - ts.length;
        for (int i = 0; i < shape.length; i++) {
            int j = i - lead;
            s[i] = j < 0 || ts[j] == 1 ? 0 : tStrides[j];
        }
        return s;
    }

    /** Storage step of operand {@code k} along a run. */
    int innerStride(int k) {
        return strides[k * rank + rank - 1];
    }

    /** Runs {@code body} over every element, in chunks on the caller and HotWorkers when large (see the class note). */
    void forEach(Run body) {
        if (numel == 0) return;
        int chunks = (numel + CHUNK - 1) / CHUNK;
        if (numel < PARALLEL_MIN || !parallel || !writesDistinct()) {
            range(0, numel, body);
            return;
        }
        // the caller and one helper per worker claim chunks from a counter (RowSplit, one chunk a "row"): no parallel
        // stream, whose JDK code stays on C1 under the kernel's directives, and a worker that starts late (its
        // core busy) costs the caller only the chunks it did not take; the same chunks, so the same bits
        io.gradbook.autograd.math.RowSplit.run(chunks, CHUNK, (from, to) -> range(from * CHUNK, Math.min(numel, to * CHUNK), body));
    }

    /**
     * Whether {@link #forEach}'s chunks end where runs end (one dim, or a run length dividing the chunk): a loop
     * whose scalar tail sits at the end of each run (cpu_kernel_vec's) sees PyTorch's runs only then.
     */
    boolean chunksKeepRuns() {
        return rank <= 1 || CHUNK % shape[rank - 1] == 0;
    }

    /** Runs {@code body} on one thread. */
    void forEachSequential(Run body) {
        if (numel > 0) range(0, numel, body);
    }

    /** Chunks may run at once only if no two elements of the output (operand 0) share memory. */
    private boolean writesDistinct() {
        for (int d = 0; d < rank; d++) if (strides[d] == 0 && shape[d] > 1) return false;
        return true;
    }

    /** Elements [from, to) in row-major order of the coalesced shape, as runs along the innermost dim. */
    private void range(int from, int to, Run body) {
        int nops = offsets.length, last = rank - 1;
        int[] pos = offsets.clone();
        if (rank == 1) {
            // one dim: a single run, no odometer
            for (int k = 0; k < nops; k++) pos[k] += from * strides[k];
            body.run(pos, to - from);
            return;
        }
        int[] idx = new int[rank];
        int rem = from;
        for (int d = last; d >= 0; d--) {
            idx[d] = rem % shape[d];
            rem /= shape[d];
            for (int k = 0; k < nops; k++) pos[k] += idx[d] * strides[k * rank + d];
        }
        int at = from;
        int[] start = new int[nops];
        while (at < to) {
            int n = Math.min(shape[last] - idx[last], to - at);
            System.arraycopy(pos, 0, start, 0, nops);
            body.run(start, n);
            at += n;
            if (at >= to) break;
            // advance n along the inner dim, then carry into the outer dims
            idx[last] += n;
            for (int k = 0; k < nops; k++) pos[k] += n * strides[k * rank + last];
            for (int d = last; d > 0 && idx[d] == shape[d]; d--) {
                idx[d] = 0;
                idx[d - 1]++;
                for (int k = 0; k < nops; k++) pos[k] += strides[k * rank + d - 1] - shape[d] * strides[k * rank + d];
            }
        }
    }
}
