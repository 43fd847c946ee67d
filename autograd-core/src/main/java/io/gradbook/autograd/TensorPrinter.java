// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch 1.13's tensor repr ({@code torch/_tensor_str.py}), byte for byte: one number format for the whole
 * tensor (int mode, fixed or scientific, chosen from the non-zero finite values that are shown), right-aligned
 * to a shared width, rows wrapped at 80 columns, summarization over 1000 elements, and the {@code dtype=},
 * {@code grad_fn=} / {@code requires_grad=True} suffixes with their own wrapping rule.
 *
 * <p>Numbers are formatted from their exact binary value with round-half-even, as Python's {@code format} does
 * ({@link String#format} rounds differently and would print {@code 0.1250} cases wrongly).
 */
public final class TensorPrinter {
    private TensorPrinter() {}

    private static final int PRECISION = 4;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;

    /** The repr of {@code t}: {@code tensor([1., 2.], requires_grad=True)}. */
    public static String repr(Tensor t) {
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        DType dt = t.dtype();
        boolean defaultDType = dt == DType.FLOAT32 || dt == DType.INT64 || dt == DType.BOOL;
        String body;
        if (t.numel() == 0) {
            if (t.dim() != 1) suffixes.add("size=" + pythonTuple(t.shapeArray()));
            if (dt != DType.FLOAT32) suffixes.add("dtype=" + dt);
            body = "[]";
        } else {
            if (!defaultDType) suffixes.add("dtype=" + dt);
            body = body(t, indent);
        }
        if (t.gradFn() != null) suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
        else if (t.requiresGrad()) suffixes.add("requires_grad=True");
        // a dual tensor shows its tangent as Python formats it: a 0-dim tangent as its number
        Tensor tangent = ForwardGrad.active() ? ForwardGrad.tangentOf(t) : null;
        if (tangent != null) suffixes.add("tangent=" + (tangent.dim() == 0 ? PyRepr.format(tangent) : repr(tangent)));
        String r = addSuffixes(prefix + body, suffixes, indent);
        return t.parameter ? "Parameter containing:\n" + r : r;
    }

    /** The bracketed values alone, as PyTorch's {@code _tensor_str} gives them. */
    static String body(Tensor t, int indent) {
        boolean summarize = t.numel() > THRESHOLD;
        double[] values = t.values();
        int[] shape = t.shapeArray();
        // int64 prints from its longs: values beyond 2^53 are exact
        long[] longs = t.dtype() == DType.INT64 ? t.toLongArray() : null;
        Format f = new Format(t.dtype(), summarize ? shownValues(values, shape) : values, longs == null ? null : summarize ? shownLongs(longs, shape) : longs);
        f.longs = longs;
        StringBuilder sb = new StringBuilder();
        write(sb, values, shape, Shape.contiguousStrides(shape), 0, 0, indent, summarize, f);
        return sb.toString();
    }

    private static String addSuffixes(String s, List<String> suffixes, int indent) {
        StringBuilder out = new StringBuilder(s);
        int lastLineLen = s.length() - s.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > LINE_WIDTH) {
                out.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
            } else {
                out.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return out.append(')').toString();
    }

    private static void write(StringBuilder sb, double[] v, int[] shape, int[] strides, int dim, int base, int indent, boolean summarize, Format f) {
        int rank = shape.length;
        if (rank == 0) {
            sb.append(f.format(v, 0));
            return;
        }
        int n = shape[dim];
        boolean cut = summarize && n > 2 * EDGE_ITEMS;
        if (dim == rank - 1) {
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (f.width + 2));
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (cut && i == EDGE_ITEMS) {
                    items.add(" ...");
                    i = n - EDGE_ITEMS - 1;
                    continue;
                }
                items.add(f.format(v, base + i * strides[dim]));
            }
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                sb.append(items.get(i));
            }
            sb.append(']');
            return;
        }
        String sep = "," + "\n".repeat(rank - dim - 1) + " ".repeat(indent + 1);
        sb.append('[');
        boolean first = true;
        for (int i = 0; i < n; i++) {
            if (!first) sb.append(sep);
            first = false;
            if (cut && i == EDGE_ITEMS) {
                sb.append("...");
                i = n - EDGE_ITEMS - 1;
                continue;
            }
            write(sb, v, shape, strides, dim + 1, base + i * strides[dim], indent + 1, summarize, f);
        }
        sb.append(']');
    }

    /** The values a summarized print shows (first and last 3 along every long dim), which alone set the format. */
    private static double[] shownValues(double[] v, int[] shape) {
        List<Double> out = new ArrayList<>();
        collect(v, shape, Shape.contiguousStrides(shape), 0, 0, out);
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    private static long[] shownLongs(long[] v, int[] shape) {
        List<Integer> at = new ArrayList<>();
        collect(shape, Shape.contiguousStrides(shape), 0, 0, at);
        long[] r = new long[at.size()];
        for (int i = 0; i < r.length; i++) r[i] = v[at.get(i)];
        return r;
    }

    private static void collect(double[] v, int[] shape, int[] strides, int dim, int base, List<Double> out) {
        List<Integer> at = new ArrayList<>();
        collect(shape, strides, dim, base, at);
        for (int i : at) out.add(v[i]);
    }

    /** The row-major positions a summarized print shows. */
    private static void collect(int[] shape, int[] strides, int dim, int base, List<Integer> out) {
        if (dim == shape.length) {
            out.add(base);
            return;
        }
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) i = n - EDGE_ITEMS;
            collect(shape, strides, dim + 1, base + i * strides[dim], out);
        }
    }

    /** The per-tensor number format of {@code _Formatter}. */
    private static final class Format {
        final boolean floating;
        boolean intMode = true;
        boolean sciMode;
        int width = 1;
        final DType dtype;
        /** All values as longs for int64 (formatted from these, not from the doubles), else null. */
        long[] longs;

        Format(DType dtype, double[] values, long[] shownLongs) {
            this.dtype = dtype;
            floating = dtype.isFloatingPoint();
            if (shownLongs != null) {
                for (long v : shownLongs) width = Math.max(width, Long.toString(v).length());
                return;
            }
            if (!floating) {
                for (double v : values) width = Math.max(width, plain(v).length());
                return;
            }
            double min = Double.POSITIVE_INFINITY, max = 0;
            boolean any = false;
            for (double v : values) {
                if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) continue;
                any = true;
                double a = Math.abs(v);
                min = Math.min(min, a);
                max = Math.max(max, a);
                if (v != Math.ceil(v)) intMode = false;
            }
            if (!any) return;
            if (intMode) {
                sciMode = max / min > 1000 || max > 1e8;
            } else {
                sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
            }
            for (double v : values) {
                if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) continue;
                int len = sciMode ? sci(v).length() : intMode ? fixed(v, 0).length() + 1 : fixed(v, PRECISION).length();
                width = Math.max(width, len);
            }
        }

        /** Element {@code i} of the row-major values, formatted and right-aligned. */
        String format(double[] values, int i) {
            if (longs == null) return format(values[i]);
            String s = Long.toString(longs[i]);
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }

        String format(double v) {
            String s;
            if (!floating) s = plain(v);
            else if (sciMode) s = sci(v);
            else if (intMode) s = fixed(v, 0) + (Double.isNaN(v) || Double.isInfinite(v) ? "" : ".");
            else s = fixed(v, PRECISION);
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }

        private String plain(double v) {
            if (dtype == DType.BOOL) return v != 0 ? "True" : "False";
            return Long.toString((long) v);
        }
    }

    /** Python's {@code '{:.Nf}'.format(v)}. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String digits = new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return (signBit(v) ? "-" : "") + digits;
    }

    /** Python's {@code '{:.4e}'.format(v)}. */
    static String sci(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String sign = signBit(v) ? "-" : "";
        if (v == 0) return sign + "0." + "0".repeat(PRECISION) + "e+00";
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        int exponent = digits.length() - 1 - r.scale();
        StringBuilder d = new StringBuilder(digits);
        while (d.length() < PRECISION + 1) d.append('0');
        String mantissa = d.charAt(0) + "." + d.substring(1, PRECISION + 1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    private static boolean signBit(double v) {
        return Double.doubleToRawLongBits(v) < 0;
    }

    /** Python's repr of a float (shortest round-trip), as f-strings of 0-dim tensors print: {@code 0.699999988079071}. */
    public static String pythonFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e16) return (signBit(v) ? "-" : "") + Long.toString((long) Math.abs(v)) + ".0";
        String s = Double.toString(v);
        // Java switches to E notation outside [1e-3, 1e7); Python outside [1e-4, 1e16).
        if (!s.contains("E")) return s;
        BigDecimal bd = new BigDecimal(s);
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) return bd.toPlainString();
        String m = bd.unscaledValue().abs().toString();
        int exp = m.length() - 1 - bd.scale();
        String mant = m.length() == 1 ? m : m.charAt(0) + "." + m.substring(1).replaceAll("0+$", "");
        if (mant.endsWith(".")) mant = mant.substring(0, mant.length() - 1);
        return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    private static String pythonTuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        if (shape.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /** PyTorch's scalar type name in error messages: Float, Double, Long, Int, Bool, Half. */
    static String typeName(DType d) {
        switch (d) {
            case FLOAT32: return "Float";
            case FLOAT64: return "Double";
            case FLOAT16: return "Half";
            case INT64: return "Long";
            case INT32: return "Int";
            default: return "Bool";
        }
    }
}
