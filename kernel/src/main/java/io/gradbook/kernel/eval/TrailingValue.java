// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cell's trailing expression sent to JShell as a statement that hands its value to the kernel:
 * {@code 1 + 1} becomes {@code io.gradbook.kernel.eval.TrailingValue.show(1 + 1\n);}. For an expression JShell
 * declares a {@code $N} variable, and to type it runs javac twice before the compile (the expression's type,
 * then the variable's declared type); for a call of a void method it runs javac once. The statement needs that
 * one run only: in the kernel's first cells the second run was about a fifth of a {@code 1 + 1} cell's compile
 * time (JFR). The value is the same object (boxed as JShell boxes it: an {@code int} is an Integer, a {@code char}
 * a Character) and the kernel shows values by their object, so nothing a cell prints changes.
 * <p>Only expressions that cannot be void take this way: a method call may be void (a cell ending in
 * {@code y.backward()}), and sending it as {@code show(...)} would fail and then cost a second try. Anything that
 * ends in {@code )} goes to JShell as before, and so does what ends in {@code }} (an anonymous class, a switch),
 * what holds a comment, a bare name, an assignment to a name (JShell shows no value for it) and anything that
 * starts like a statement. A statement that does not compile is dropped and the expression is sent as it was,
 * so every compile error, its text and its position, is JShell's own.
 */
public final class TrailingValue {
    private TrailingValue() {}

    private static final String CALL = TrailingValue.class.getName() + ".show(";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Pattern ASSIGN_TO_NAME = Pattern.compile("^[A-Za-z_$][\\w$]*\\s*=(?!=)");
    private static final Set<String> STATEMENT_WORDS = Set.of("if", "for", "while", "do", "switch", "try", "synchronized",
            "throw", "return", "yield", "assert", "break", "continue", "else", "case", "default", "var", "class",
            "interface", "enum", "record", "import", "final", "static", "abstract", "public", "private", "protected");

    private static volatile Object value;

    /** Called by the statement: keeps the value for the evaluator. */
    public static void show(Object v) {
        value = v;
    }

    /** The value the last statement handed over, cleared. */
    static Object take() {
        Object v = value;
        value = null;
        return v;
    }

    /** The statement to send for a cell's trailing expression, or null to send the expression as it is. */
    static String statement(String expression) {
        String t = expression.strip();
        if (t.isEmpty() || t.contains("//") || t.contains("/*")) return null;
        char end = t.charAt(t.length() - 1);
        if (end == ';' || end == ')' || end == '}' || t.startsWith("{") || t.startsWith("@")) return null;
        if (NAME.matcher(t).matches() || ASSIGN_TO_NAME.matcher(t).find()) return null;
        java.util.regex.Matcher first = NAME.matcher(t);
        if (first.lookingAt() && STATEMENT_WORDS.contains(first.group())) return null;
        // the closing parenthesis on a line of its own: the expression's lines stay the snippet's lines
        return CALL + expression + "\n);";
    }
}
