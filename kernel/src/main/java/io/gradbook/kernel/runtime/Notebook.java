// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import io.gradbook.autograd.PyRepr;
import io.gradbook.autograd.PyTuple;
import io.gradbook.autograd.Tensor;
import io.gradbook.kernel.render.GraphPicture;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The small runtime every cell sees (statically imported): Python's {@code print}, IPython's {@code display},
 * tuples, {@code dir()}, and {@code draw()} for a picture of the autograd graph.
 */
public final class Notebook {
    private static volatile Consumer<Object> displayer = v -> System.out.println(PyRepr.pretty(v));

    private Notebook() {}

    /** Set by the kernel: how a displayed value reaches the notebook (a display_data message). */
    public static void setDisplayer(Consumer<Object> d) {
        displayer = d;
    }

    /** Shows values now, as IPython's display(): one value as itself, several as a tuple. */
    public static void display(Object... values) {
        displayer.accept(values == null ? null : values.length == 1 ? values[0] : PyTuple.of(values));
    }

    /** Python's print(): str() of each value, separated by spaces ({@code print(y, y.requiresGrad())}). */
    public static void print(Object... values) {
        List<String> parts = new ArrayList<>();
        if (values == null) parts.add("None");
        else for (Object v : values) parts.add(PyRepr.str(v));
        System.out.println(String.join(" ", parts));
    }

    /** Clears the cell's output so far (IPython's clear_output). */
    public static void clearOutput() {
        displayer.accept(CLEAR);
    }

    /** The marker the kernel turns into a clear_output message. */
    public static final Object CLEAR = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    /** A Python tuple, shown as PyTorch tutorials show {@code a, b, c} at the end of a cell. */
    public static PyTuple<Object> tuple(Object... values) {
        return PyTuple.of(values == null ? new Object[] {null} : values);
    }

    /** The public members of an object, sorted, as Python's dir() lists attributes. */
    public static List<String> dir(Object o) {
        if (o == null) return List.of();
        Class<?> c = o instanceof Class ? (Class<?>) o : o.getClass();
        TreeSet<String> names = new TreeSet<>();
        for (Method m : c.getMethods()) if (!Modifier.isStatic(m.getModifiers()) || o instanceof Class) names.add(m.getName());
        for (Field f : c.getFields()) names.add(f.getName());
        return new ArrayList<>(names);
    }

    private static volatile java.util.function.Supplier<java.util.Map<Object, String>> variables = java.util.Map::of;

    /** Set by the kernel: the session's variables by the object they hold, so pictures can name tensors. */
    public static void setVariables(java.util.function.Supplier<java.util.Map<Object, String>> v) {
        variables = v;
    }

    /**
     * A picture of the backward graph behind these tensors (SVG in the notebook, text elsewhere), its leaves and
     * outputs named by the variables that hold them.
     */
    public static GraphPicture draw(Tensor... outputs) {
        return GraphPicture.of(variableNames(), outputs);
    }

    /**
     * The same, drawing at most {@code maxNodes} autograd nodes, those nearest the output (draw(t) draws
     * {@value GraphPicture#DEFAULT_MAX_NODES}); one dashed box counts the rest by kind.
     */
    public static GraphPicture draw(Tensor output, int maxNodes) {
        return GraphPicture.of(variableNames(), maxNodes, output);
    }

    /** Several outputs in one picture, drawing at most {@code maxNodes} autograd nodes. */
    public static GraphPicture draw(int maxNodes, Tensor... outputs) {
        return GraphPicture.of(variableNames(), maxNodes, outputs);
    }

    /** The session's variable name of an object (a leaf, an output), or null: pictures label tensors with them. */
    static java.util.function.Function<Object, String> variableNames() {
        java.util.Map<Object, String> names = variables.get();
        return names::get;
    }

    /** What {@link #expectError} shows: an error the cell meant to raise, shown as an error output. */
    public record ExpectedError(Throwable error) {}

    /** Code that may throw anything (a cell's statements). */
    @FunctionalInterface
    public interface Action {
        void run() throws Throwable;
    }

    /**
     * Runs {@code action}, which is meant to fail, and shows its error as the cell's error output (PyTorch's type
     * and text) without failing the cell: Run All goes on in every front end, also those that ignore the
     * {@code raises-exception} cell tag. If nothing is raised, that is the error:
     * <pre>{@code
     * jshell> expectError(() -> y2.backward())
     * RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
     * }</pre>
     */
    public static void expectError(Action action) {
        try {
            action.run();
        } catch (Throwable t) {
            displayer.accept(new ExpectedError(t));
            return;
        }
        throw new IllegalStateException("expectError: the code ran without raising an error");
    }

    // ---- plots ----------------------------------------------------------------------------------------------

    /** An empty plot to add series to: {@code figure().line(x, y, "loss").logY()}. */
    public static Plot figure() {
        return new Plot();
    }

    /**
     * f and its derivative f' over [from, to], the derivative computed by autograd (backward of f summed over 201
     * points): {@code plot(x -> x.pow(2).mul(x.exp()), -3, 3)}.
     */
    public static Plot plot(java.util.function.UnaryOperator<Tensor> f, double from, double to) {
        if (!(from < to)) throw new IllegalArgumentException("plot needs from < to, got " + from + " and " + to);
        // 201 points computed in float64 (a float32 linspace misses 0 by 1e-7 at the middle point)
        double[] xs = new double[201];
        for (int i = 0; i < xs.length; i++) xs[i] = i == 200 ? to : from + (to - from) * i / 200.0;
        Tensor x = io.gradbook.autograd.Torch.tensor(xs, io.gradbook.autograd.DType.FLOAT64).requiresGrad_();
        Tensor y;
        try (var g = io.gradbook.autograd.Torch.enableGrad()) {
            y = f.apply(x);
            if (!java.util.Arrays.equals(y.size().toArray(), x.size().toArray())) {
                throw new IllegalArgumentException("plot(f, from, to) needs an element-wise f: f(x) has shape " + y.size() + " for x of shape " + x.size());
            }
            if (y.requiresGrad()) y.sum().backward();
        }
        Plot p = new Plot().line(x, y, "f(x)");
        if (x.grad() != null) p.line(x, x.grad(), "f'(x) (autograd)");
        return p.xlabel("x");
    }

    /** A line through (x[i], y[i]). */
    public static Plot plot(Tensor x, Tensor y) {
        return new Plot().line(x, y, "");
    }

    /** A line through (i, y[i]). */
    public static Plot plot(Tensor y) {
        double[] v = Plot.values(y);
        return new Plot().line(Plot.indices(v.length), v, "");
    }

    /** A line through (i, y[i]). */
    public static Plot plot(double[] y) {
        return new Plot().line(Plot.indices(y.length), y, "");
    }

    /** A loss curve: values by step. */
    public static Plot plot(List<? extends Number> y) {
        return new Plot().line(y, "").xlabel("step");
    }

    /** Dots at (x[i], y[i]) (matplotlib's scatter; torch's scatter is the tensor op). */
    public static Plot scatterPlot(Tensor x, Tensor y) {
        return new Plot().scatter(x, y, "");
    }

    // ---- live outputs ---------------------------------------------------------------------------------------

    /** A display message of a live output: the first one shows it, later ones update it in place. */
    public record LiveMessage(LiveDisplay source, String displayId, boolean update) {}

    static void publish(LiveMessage m) {
        displayer.accept(m);
    }

    /** Sends the final state of live outputs that changed since their last (throttled) message; called per cell. */
    public static void flushLive() {
        LiveDisplay.flushAll();
    }

    /** A loss curve that redraws in place while the cell trains: {@code var live = liveLoss(); ... live.add(step, loss)}. */
    public static LiveLoss liveLoss() {
        return new LiveLoss("");
    }

    /** A titled live loss curve. */
    public static LiveLoss liveLoss(String title) {
        return new LiveLoss(title);
    }

    /** A progress bar over 0 .. n-1 with rate and time left: {@code for (int i : progress(1000)) ...}. */
    public static Progress progress(int n) {
        return new Progress(n, "");
    }

    /** A progress bar with a description in front, as tqdm's {@code desc}. */
    public static Progress progress(int n, String description) {
        return new Progress(n, description);
    }

    // ---- the backward pass, step by step ----------------------------------------------------------------------

    /**
     * Runs {@code loss.backward()} — the real engine, traced through node hooks — and shows it step by step: the
     * graph with the current node outlined, the gradient arriving at it, what it sends to each input and by which
     * rule, hooks, freed saved tensors and the leaves' {@code .grad}. Leaves' gradients accumulate as backward does.
     */
    public static BackwardTrace stepBackward(Tensor loss) {
        return BackwardTrace.backward(loss, null, false);
    }

    /** {@code stepBackward} with {@code retain_graph}, so the graph can be stepped or backpropagated again. */
    public static BackwardTrace stepBackward(Tensor loss, boolean retainGraph) {
        return BackwardTrace.backward(loss, null, retainGraph);
    }

    /** {@code stepBackward} of a non-scalar output with its gradient (the v of the vector-Jacobian product). */
    public static BackwardTrace stepBackward(Tensor output, Tensor gradient, boolean retainGraph) {
        return BackwardTrace.backward(output, gradient, retainGraph);
    }

    /**
     * {@code stepBackward} recording at most {@code maxSteps} steps, those nearest the loss (stepBackward(loss)
     * records {@value BackwardTrace#DEFAULT_MAX_STEPS}); the rest are counted by kind in a closing note.
     */
    public static BackwardTrace stepBackward(Tensor loss, int maxSteps) {
        return BackwardTrace.backward(loss, null, false, maxSteps);
    }

    /** {@code stepBackward(output, gradient, retainGraph)} recording at most {@code maxSteps} steps. */
    public static BackwardTrace stepBackward(Tensor output, Tensor gradient, boolean retainGraph, int maxSteps) {
        return BackwardTrace.backward(output, gradient, retainGraph, maxSteps);
    }

    /** {@code Autograd.grad(output, inputs)} step by step; the gradients are {@code .grads()} of the result. */
    public static BackwardTrace stepGrad(Tensor output, Tensor... inputs) {
        return BackwardTrace.grad(output, false, inputs);
    }
}
