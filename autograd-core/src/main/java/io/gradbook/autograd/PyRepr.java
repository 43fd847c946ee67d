// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's two ways of showing values, for the objects a course notebook shows: {@link #repr} is what
 * {@code print()} and {@code str()} give, {@link #pretty} what a notebook's {@code text/plain} shows (IPython's
 * pretty printer: nodes as {@code <MulBackward0 at 0x...>}, containers broken one item per line when they do
 * not fit in 79 columns, multi-line items re-indented).
 */
public final class PyRepr {
    private PyRepr() {}

    private static final int WIDTH = 79;

    /** Python's {@code repr()} of a value (what print() shows inside containers). */
    public static String repr(Object o) {
        if (o == null) return "None";
        if (o instanceof Boolean) return (Boolean) o ? "True" : "False";
        if (o instanceof String) return quote((String) o);
        if (o instanceof Double || o instanceof Float) return TensorPrinter.pythonFloat(((Number) o).doubleValue());
        if (o instanceof PyTuple) {
            PyTuple<?> t = (PyTuple<?>) o;
            List<String> parts = new ArrayList<>();
            for (Object item : t) parts.add(repr(item));
            return "(" + String.join(", ", parts) + (parts.size() == 1 ? "," : "") + ")";
        }
        if (o instanceof List) {
            List<String> parts = new ArrayList<>();
            for (Object item : (List<?>) o) parts.add(repr(item));
            return "[" + String.join(", ", parts) + "]";
        }
        if (o instanceof Class) return "<class '" + ((Class<?>) o).getSimpleName() + "'>";
        return String.valueOf(o);
    }

    /** Python's {@code str()}: strings unquoted, everything else as repr. */
    public static String str(Object o) {
        return o instanceof String ? (String) o : repr(o);
    }

    /** Python's {@code format(value)} in an f-string: a 0-dim tensor formats as its Python number. */
    public static String format(Object o) {
        if (o instanceof Tensor && ((Tensor) o).dim() == 0) {
            Tensor t = (Tensor) o;
            double v = t.item();
            if (t.dtype() == DType.BOOL) return v != 0 ? "True" : "False";
            return t.dtype().isFloatingPoint() ? TensorPrinter.pythonFloat(v) : Long.toString((long) v);
        }
        return str(o);
    }

    /** The notebook's {@code text/plain} of a value, as IPython's pretty printer lays it out. */
    public static String pretty(Object o) {
        return pretty(o, 0);
    }

    private static String pretty(Object o, int col) {
        // a custom Function's node is a Python class of module torch.autograd.function, which IPython names
        if (o instanceof CustomFunctionNode) return "<torch.autograd.function." + ((Node) o).name() + " at " + ((Node) o).address() + ">";
        if (o instanceof Node) return "<" + ((Node) o).name() + " at " + ((Node) o).address() + ">";
        if (o instanceof Class) return ((Class<?>) o).getSimpleName();
        if (o instanceof Edge) return pretty(PyTuple.of(((Edge) o).node(), ((Edge) o).inputNr()), col);
        if (o instanceof Map) return String.valueOf(o);
        boolean tuple = o instanceof PyTuple;
        if (tuple || o instanceof List) {
            List<?> items = (List<?>) o;
            String open = tuple ? "(" : "[", close = tuple ? ")" : "]";
            List<String> flat = new ArrayList<>();
            boolean multiline = false;
            for (Object item : items) {
                String s = pretty(item, col + 1);
                multiline |= s.contains("\n");
                flat.add(s);
            }
            String trailer = tuple && items.size() == 1 ? "," : "";
            String oneLine = open + String.join(", ", flat) + trailer + close;
            if (!multiline && col + oneLine.length() <= WIDTH) return oneLine;
            return open + String.join(",\n" + " ".repeat(col + 1), flat) + trailer + close;
        }
        String r = repr(o);
        return col == 0 ? r : r.replace("\n", "\n" + " ".repeat(col));
    }

    private static String quote(String s) {
        String q = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        StringBuilder sb = new StringBuilder(q);
        for (char c : s.toCharArray()) {
            if (c == '\\') sb.append("\\\\");
            else if (c == '\n') sb.append("\\n");
            else if (c == '\t') sb.append("\\t");
            else if (String.valueOf(c).equals(q)) sb.append('\\').append(c);
            else sb.append(c);
        }
        return sb.append(q).toString();
    }
}
