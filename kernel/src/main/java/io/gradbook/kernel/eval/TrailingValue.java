// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cell's trailing expression sent to JShell as an assignment that hands its value to the kernel:
 * {@code 1 + 1} becomes {@code $gradbook$shown = 1 + 1}, a name the session imports from here ({@link #IMPORT}).
 * For an expression JShell declares a {@code $N} variable, and to type it runs javac twice before the compile
 * (the expression's type, then the variable's declared type); a statement costs two runs as well (a failed try as
 * an expression, then a trial compile). An assignment to a name is the one form JShell types with a single run:
 * in the kernel's first cells the run saved was about a fifth of a {@code 1 + 1} cell's compile time (JFR). The
 * value is the same object (boxed as JShell boxes it: an {@code int} is an Integer, a {@code char} a Character)
 * and the kernel shows values by their object, so nothing a cell prints changes.
 * <p>Only expressions that cannot be void take this way: a method call may be void (a cell ending in
 * {@code y.backward()}), and trying it as an assignment first would cost more than it saves. Anything that ends in
 * {@code )} goes to JShell as before, and so does what ends in <code>}</code> (an anonymous class, a switch),
 * what holds a comment, a bare name, an assignment to a name (JShell shows no value for it) and anything that
 * starts like a statement. An assignment that does not compile is dropped and the expression is sent as it was,
 * so every compile error, its text and its position, is JShell's own.
 */
public final class TrailingValue {
    private TrailingValue() {}

    /** The session's import of the name the value is assigned to (JShellEvaluator evaluates it at start). */
    static final String IMPORT = "import static " + TrailingValue.class.getName() + ".$gradbook$shown;";
    private static final String ASSIGN = "$gradbook$shown = ";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Pattern ASSIGN_TO_NAME = Pattern.compile("^[A-Za-z_$][\\w$]*\\s*=(?!=)");
    private static final Set<String> STATEMENT_WORDS = Set.of("if", "for", "while", "do", "switch", "try", "synchronized",
            "throw", "return", "yield", "assert", "break", "continue", "else", "case", "default", "var", "class",
            "interface", "enum", "record", "import", "final", "static", "abstract", "public", "private", "protected");

    /** Assigned by a cell's trailing expression; read and cleared by the evaluator (it holds no value between cells). */
    public static volatile Object $gradbook$shown;

    /** The value the last trailing expression handed over, cleared. */
    static Object take() {
        Object v = $gradbook$shown;
        $gradbook$shown = null;
        return v;
    }

    /** The assignment to send for a cell's trailing expression, or null to send the expression as it is. */
    static String assignment(String expression) {
        String t = expression.strip();
        if (t.isEmpty() || t.contains("//") || t.contains("/*")) return null;
        char end = t.charAt(t.length() - 1);
        if (end == ';' || end == ')' || end == '}' || t.startsWith("{") || t.startsWith("@")) return null;
        if (NAME.matcher(t).matches() || ASSIGN_TO_NAME.matcher(t).find()) return null;
        java.util.regex.Matcher first = NAME.matcher(t);
        if (first.lookingAt() && STATEMENT_WORDS.contains(first.group())) return null;
        // on the expression's first line: its lines stay the snippet's lines
        return ASSIGN + expression;
    }
}
