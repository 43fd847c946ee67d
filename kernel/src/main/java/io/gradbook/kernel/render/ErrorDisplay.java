// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error as ipykernel shows one: an ANSI-coloured traceback (red rule and error name, the failing cell line
 * marked {@code ---->} with its neighbours for context, a caret under the part javac objected to) and, for javac
 * errors, a hint when the cell reads like Python ({@link PythonHabits}). Front ends render the escapes; the
 * error's name and value stay plain, so PyTorch's text can be compared.
 *
 * <p>It reads the evaluator's plain traceback lines ({@code cell line N: message} + source + carets for javac,
 * {@code at cell line N in m()} for thrown exceptions), so it depends on their text, not on how they were found.
 */
public final class ErrorDisplay {
    static final String RED = "\u001b[0;31m", GREEN = "\u001b[0;32m", CYAN = "\u001b[0;36m", RESET = "\u001b[0m";
    /** IPython's rule is 75 wide; 60 keeps rule and header on one line in a 760 px notebook window. */
    private static final String RULE = RED + "-".repeat(60) + RESET;
    private static final Pattern COMPILE = Pattern.compile("cell line (\\d+): (.*)", Pattern.DOTALL);
    private static final Pattern FRAME = Pattern.compile("\\s*at cell line (\\d+)(?: in (.*))?");
    private static final int CONTEXT = 2;

    private ErrorDisplay() {}

    /**
     * The traceback list of Jupyter's error message: one entry per chunk, as IPython sends them (front ends join
     * them with newlines).
     */
    public static List<String> traceback(String ename, String evalue, List<String> plain, String code, int executionCount) {
        String[] cell = code == null ? new String[0] : code.split("\n", -1);
        String where = "Cell " + GREEN + "In[" + executionCount + "], line ";
        List<String> out = new ArrayList<>();
        out.add(RULE);
        boolean compile = !plain.isEmpty() && COMPILE.matcher(plain.get(0)).matches();
        out.add(RED + ename + RESET + pad(ename) + (compile ? "javac" : "Traceback (most recent call last)"));
        List<String> hints = new ArrayList<>();
        if (compile) {
            for (int i = 0; i < plain.size(); i++) {
                Matcher m = COMPILE.matcher(plain.get(i));
                if (!m.matches()) continue;
                int line = Integer.parseInt(m.group(1));
                String message = m.group(2);
                String caret = i + 2 < plain.size() && plain.get(i + 2).trim().startsWith("^") ? plain.get(i + 2) : null;
                String source = line >= 1 && line <= cell.length ? cell[line - 1] : (i + 1 < plain.size() ? plain.get(i + 1).substring(Math.min(4, plain.get(i + 1).length())) : "");
                int from = caret == null ? -1 : caret.indexOf('^') - 4, to = caret == null ? -1 : caret.lastIndexOf('^') - 4 + 1;
                out.add(where + line + RESET + ": " + RED + shortNames(firstLine(message)) + RESET + "\n" + context(cell, line, from, to));
                String span = from >= 0 && to <= source.length() && from < to ? source.substring(from, to) : "";
                String hint = PythonHabits.hint(message, source, span);
                if (hint != null && !hints.contains(hint)) hints.add(hint);
            }
        } else {
            List<String> frames = new ArrayList<>();
            for (String p : plain) if (FRAME.matcher(p).matches()) frames.add(p);
            // JShell lists the innermost frame first; Python shows the most recent call last
            for (int i = frames.size() - 1; i >= 0; i--) {
                Matcher m = FRAME.matcher(frames.get(i));
                m.matches();
                int line = Integer.parseInt(m.group(1));
                String in = m.group(2) == null ? "" : ", in " + CYAN + m.group(2) + RESET;
                out.add(where + line + RESET + in + "\n" + context(cell, line, -1, -1));
                // deep recursion: the first and last of a run of equal frames, the rest counted, as IPython does
                int same = 0;
                while (i - same - 1 >= 0 && frames.get(i - same - 1).equals(frames.get(i))) same++;
                if (same > 2) {
                    out.add(CYAN + "[... skipping similar frames: " + frames.get(i).strip().replace("at cell ", "") + " (" + (same - 1) + " times)]" + RESET);
                    i -= same - 1;
                }
            }
        }
        out.add(RED + ename + RESET + ": " + (compile ? shortNames(evalue) : evalue));
        for (String h : hints) out.add(CYAN + "Hint:" + RESET + " " + h);
        return out;
    }

    /** javac names API types in full ({@code io.gradbook.autograd.Tensor}); cells know them as {@code Tensor}. */
    private static String shortNames(String message) {
        return message.replace("io.gradbook.autograd.", "");
    }

    private static String pad(String ename) {
        return " ".repeat(Math.max(1, 27 - ename.length()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The marked line with its neighbours, numbered as IPython numbers them; a red caret line under a span. */
    private static String context(String[] cell, int line, int from, int to) {
        if (line < 1 || line > cell.length) return "";
        StringBuilder sb = new StringBuilder();
        int first = Math.max(1, line - CONTEXT), last = Math.min(cell.length, line + CONTEXT);
        int width = Integer.toString(last).length();
        for (int n = first; n <= last; n++) {
            String num = String.format("%" + width + "d", n);
            if (n == line) {
                sb.append(GREEN).append("----> ").append(num).append(RESET).append(' ').append(cell[n - 1]).append('\n');
                if (from >= 0 && to > from) sb.append(" ".repeat(7 + width + from)).append(RED).append("^".repeat(to - from)).append(RESET).append('\n');
            } else {
                sb.append("      ").append(num).append(' ').append(cell[n - 1]).append('\n');
            }
        }
        return sb.toString();
    }
}
