// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hints for javac errors that come from writing Python in a Java cell, the habits a PyTorch learner brings:
 * operators on tensors, {@code x[0]}, {@code **}, {@code True}/{@code None}, {@code with}, {@code def},
 * attributes that are methods here ({@code x.grad}), f-strings. Each hint names the Java spelling of what the
 * cell wrote, built from the cell's own text.
 */
final class PythonHabits {
    private PythonHabits() {}

    private static final Map<String, String> OPERATORS = Map.of("+", "add", "-", "sub", "*", "mul", "/", "div");
    private static final Map<String, String> CONSTANTS = Map.of("True", "true", "False", "false", "None", "null");
    private static final Pattern OPERAND = Pattern.compile("[\\w.()\\[\\], ]+?");
    private static final Pattern POWER = Pattern.compile("([\\w.]+(?:\\([^()]*\\))?)\\s*\\*\\*\\s*([\\w.]+(?:\\([^()]*\\))?)");
    private static final Pattern INDEX = Pattern.compile("([\\w.]+(?:\\(\\))?)\\[([^\\]]*)\\]");
    private static final Pattern SYMBOL = Pattern.compile("symbol:\\s+variable (\\w+)");
    private static final Pattern ON_VARIABLE = Pattern.compile("location:\\s+variable (\\w+) of type");
    private static final Pattern DEF = Pattern.compile("def\\s+(\\w+)\\s*\\((.*)\\)\\s*(?:->.*)?:");
    private static final Pattern PRIVATE = Pattern.compile("^(\\w+) has private access in io\\.gradbook\\.");
    private static final Pattern F_STRING = Pattern.compile("(?<![\\w\"])f\"");

    /**
     * A hint for javac's {@code message} about {@code line} (the cell line), {@code span} the text javac marked;
     * null when the error does not look like a Python habit.
     */
    static String hint(String message, String line, String span) {
        String trimmed = line.strip();
        if (trimmed.startsWith("with ") && trimmed.endsWith(":"))
            return "Java has no with-blocks: `try (var g = noGrad()) { ... }` (also enableGrad(), inferenceMode())";
        Matcher def = DEF.matcher(trimmed);
        if (def.matches()) return "Java methods declare their types and a body in braces: `Tensor " + def.group(1) + "(" + typed(def.group(2)) + ") { ... return ...; }`";
        if (F_STRING.matcher(line).find())
            return "Java has no f-strings: `print(\"x = \" + x)` or `String.format(\"x = %s\", x)`";
        Matcher pow = POWER.matcher(line);
        if (pow.find()) return "Java has no ** operator: use `" + pow.group(1) + ".pow(" + pow.group(2) + ")`";
        if (trimmed.startsWith("import torch") || trimmed.startsWith("from torch"))
            return "Java cells need no torch import: everything in `Torch.*` is imported already";
        if (trimmed.startsWith("#")) return "Java comments start with `//`";
        Matcher sym = SYMBOL.matcher(message);
        if (sym.find()) {
            String name = sym.group(1);
            if (CONSTANTS.containsKey(name)) return "Java writes `" + CONSTANTS.get(name) + "` for Python's `" + name + "`";
            Matcher on = ON_VARIABLE.matcher(message);
            if (on.find()) return "attributes are methods in Java: use `" + on.group(1) + "." + camel(name) + "()`";
        }
        Matcher hidden = PRIVATE.matcher(message);
        if (hidden.find()) {
            Matcher field = Pattern.compile("(\\w+)\\s*\\.\\s*" + hidden.group(1) + "\\b(?!\\s*\\()").matcher(span.isEmpty() ? line : span);
            if (field.find()) return "attributes are methods in Java: use `" + field.group(1) + "." + camel(hidden.group(1)) + "()`";
        }
        if (message.startsWith("array required")) {
            Matcher idx = INDEX.matcher(span.isEmpty() ? line : span);
            if (idx.find()) return "Java has no [] on tensors: use `" + idx.group(1) + ".get(" + idx.group(2).strip() + ")` (and `.set(i, value)` to assign)";
        }
        if (message.startsWith("bad operand types for binary operator")) {
            String op = message.replaceFirst("(?s).*operator '([^']*)'.*", "$1");
            String method = OPERATORS.get(op);
            int at = span.indexOf(" " + op + " ") >= 0 ? span.indexOf(" " + op + " ") : span.indexOf(op);
            if (method != null && at > 0) {
                String left = span.substring(0, at).strip(), right = span.substring(at + op.length() + (span.charAt(at) == ' ' ? 2 : 0)).strip();
                if (OPERAND.matcher(left).matches() && OPERAND.matcher(right).matches()) {
                    String java = left.matches("-?[\\d.]+") ? method + "(" + left + ", " + right + ")" : left + "." + method + "(" + right + ")";
                    return "Java has no operators on tensors: use `" + java + "`";
                }
            }
            if (method != null) return "Java has no operators on tensors: use ." + method + "(...)";
        }
        return null;
    }

    /** Python's {@code requires_grad} is Java's {@code requiresGrad}. */
    static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = sb.length() > 0;
                continue;
            }
            sb.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        return sb.toString();
    }

    /** Python parameters {@code x, y=2} as Java's {@code Tensor x, Tensor y}. */
    private static String typed(String params) {
        StringBuilder sb = new StringBuilder();
        for (String p : params.split(",")) {
            String name = p.replaceFirst("[:=].*", "").strip();
            if (name.isEmpty() || name.equals("self")) continue;
            if (sb.length() > 0) sb.append(", ");
            sb.append("Tensor ").append(name);
        }
        return sb.toString();
    }
}
