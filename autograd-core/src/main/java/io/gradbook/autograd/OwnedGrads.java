// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The gradients one backward run (create_graph=False) provably holds the only reference to, so that it may add into
 * them in place and hand their arrays back to {@link GradArrays} once consumed: PyTorch's InputBuffer accumulates in
 * place, and its allocator reuses a freed gradient's block, when autograd holds the last reference (use_count 1).
 * Java has no use counts, so ownership is proven from how a gradient was made, and given up at the first doubt:
 *
 * <ul>
 *   <li>Owned from birth: an output of a built-in {@link FunctionNode} without hooks whose whole array its rule
 *       allocated while it ran (the {@link GradArrays} log: not an input, a saved tensor, a tensor the rule's
 *       closure kept from the forward, or an unpack hook's tensor), and that no other output of the node shares.
 *       With grad mode off the rule records no graph, so nothing else can have kept it. Also the sum this engine
 *       makes when two gradients meet (same proof, the log around the add).</li>
 *   <li>Given up (never recycled): handed to a node with hooks (a hook may keep it), to a node that is neither a
 *       FunctionNode nor an AccumulateGrad (a custom Function's backward may keep it), returned to the caller of
 *       autograd.grad, or shared with any output of the node that consumed it (a view, or the gradient passed on).</li>
 *   <li>Dead (recycled): consumed by a FunctionNode (a pure rule) or an AccumulateGrad (it adds it into .grad or
 *       stores a copy) without hooks and not shared with that node's outputs; or added in place into another owned
 *       gradient; or replaced by the engine's reduction to the input's shape.</li>
 * </ul>
 * Bits: {@code a.add_(b)} runs {@code a.add(b)}'s loops, and {@code b.add_(a)} is the same IEEE sums (addition
 * commutes), which PyTorch's InputBuffer also does. {@code -Dgradbook.recycle=false} turns this off.
 */
final class OwnedGrads {
    private final GradArrays.Log log;
    /** The owned gradients; only arrays of UninitializedArrays.MIN_LENGTH and up are logged, so a backward of
     *  small tensors never owns one, and pays a few field reads per node. */
    private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>(4));

    private OwnedGrads(GradArrays.Log log) {
        this.log = log;
    }

    /** Whether a backward run may own gradients: not with create_graph, nor with recycling off. */
    static boolean possible(boolean createGraph) {
        return !createGraph && GradArrays.enabled;
    }

    /** For one backward run, from its first {@link #large} node on. */
    static OwnedGrads start() {
        return new OwnedGrads(GradArrays.arm());
    }

    /**
     * Whether one of the node's inputs has {@link UninitializedArrays#MIN_LENGTH} elements or more: only then can its
     * gradients be recycled, so smaller nodes skip the bookkeeping (the JDK's ThreadLocal and IdentityHashMap stay
     * on C1 under the kernel's compiler directives: ~1.5 us a step of a 100-element linear regression otherwise).
     */
    static boolean large(Node node) {
        for (int[] shape : node.inputShapes) {
            if (shape == null) continue;
            long n = 1;
            for (int d : shape) n *= d;
            if (n >= UninitializedArrays.MIN_LENGTH) return true;
        }
        return false;
    }

    /** Ends the run (in a finally: a nested run's log must not outlive it). */
    void end() {
        GradArrays.disarm(log);
    }

    /** Before a node runs: the log holds only what its rule allocates. */
    void beforeCall() {
        log.clear();
    }

    /** After {@code node} ran on {@code in} and returned {@code outputs}: adopts fresh outputs, recycles dead inputs. */
    void afterCall(Node node, Tensor[] in, Tensor[] outputs) {
        if (log.isEmpty() && owned.isEmpty()) return; // nothing could be adopted or released
        boolean plain = node.preHooks().isEmpty() && node.postHooks().isEmpty();
        if (plain && node instanceof FunctionNode && outputs != null) {
            for (int i = 0; i < outputs.length; i++) {
                Tensor t = outputs[i];
                if (t != null && wholeArray(t) && log.contains(array(t)) && !sharedWith(t, outputs, i)) owned.add(t);
            }
        }
        boolean pure = plain && (node instanceof FunctionNode || node instanceof AccumulateGrad);
        for (Tensor g : in) {
            if (g == null || !owned.remove(g)) continue; // removed: dead now, or given up
            if (pure && !sharedWith(g, outputs, -1)) GradArrays.give(g);
        }
        log.clear();
    }

    /** A gradient handed out of the run (autograd.grad's result): never recycled. */
    void giveUp(Tensor g) {
        if (g != null) owned.remove(g);
    }

    /** The engine brought {@code raw} to its input's shape or dtype as {@code validated}: raw is dead unless shared. */
    void replaced(Tensor raw, Tensor validated) {
        if (raw == validated || !owned.remove(raw)) return;
        if (array(validated) != array(raw)) GradArrays.give(raw);
    }

    /** {@code old + g} for a node's gradient buffer: in place into an owned one, else a fresh (owned) sum. */
    Tensor add(Tensor old, Tensor g) {
        if (owned.isEmpty() && old.numel() < UninitializedArrays.MIN_LENGTH) return old.add(g); // small: as before
        boolean sameShape = java.util.Arrays.equals(old.shapeArray(), g.shapeArray()) && old.dtype() == g.dtype();
        if (owned.contains(old) && array(old) != array(g) && DirectInPlace.binary(BinaryOp.ADD, old, g, 1)) {
            if (owned.remove(g)) GradArrays.give(g);
            return old;
        }
        if (sameShape && owned.contains(g) && array(old) != array(g) && DirectInPlace.binary(BinaryOp.ADD, g, old, 1)) {
            if (owned.remove(old)) GradArrays.give(old);
            return g;
        }
        log.clear();
        boolean was = GradArrays.recording(true);
        Tensor sum;
        try {
            sum = old.add(g);
        } finally {
            GradArrays.recording(was);
        }
        if (wholeArray(sum) && log.contains(array(sum))) owned.add(sum);
        if (owned.remove(old) && array(old) != array(sum)) GradArrays.give(old);
        if (owned.remove(g) && array(g) != array(sum)) GradArrays.give(g);
        log.clear();
        return sum;
    }

    /** Whether the run owns {@code t} now (tests). */
    boolean owns(Tensor t) {
        return owned.contains(t);
    }

    /** A float32/float64 tensor that is its whole array, in order (so the array is nothing but this tensor). */
    private static boolean wholeArray(Tensor t) {
        Object a = array(t);
        return a != null && t.offset == 0 && t.isContiguous() && t.numel() == java.lang.reflect.Array.getLength(a);
    }

    private static Object array(Tensor t) {
        if (t.storage instanceof Storage.FloatStorage) return ((Storage.FloatStorage) t.storage).a;
        if (t.storage instanceof Storage.DoubleStorage) return ((Storage.DoubleStorage) t.storage).a;
        return null;
    }

    /** Whether any of {@code outputs} other than index {@code skip} uses t's array. */
    private static boolean sharedWith(Tensor t, Tensor[] outputs, int skip) {
        if (outputs == null) return false;
        Object a = array(t);
        for (int j = 0; j < outputs.length; j++) {
            if (j != skip && outputs[j] != null && (outputs[j] == t || array(outputs[j]) == a)) return true;
        }
        return false;
    }
}
