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
        java.util.Map<Object, String> names = variables.get();
        return GraphPicture.of(names::get, outputs);
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
}
