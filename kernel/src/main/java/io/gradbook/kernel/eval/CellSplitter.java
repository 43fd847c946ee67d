// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into top-level snippets in one linear pass (strings, comments, brackets respected), and groups
 * runs of plain statements into blocks, so a cell of 200,000 statements compiles as a few hundred snippets
 * instead of 200,000. Declarations stay separate (they must persist across cells); the cell's last snippet
 * stays separate (its value is shown). Every piece remembers where it starts in the cell, and a block is the
 * cell's own text between its first and last statement, so positions inside it are the cell's (exact lines).
 */
final class CellSplitter {
    private CellSplitter() {}

    /**
     * A piece of the cell: its source, the 0-based line it starts on and the offset in the cell where that source's
     * first character sits ({@code source} of a block starts with a 2-character "{ " that is not in the cell).
     */
    record Piece(String source, int line, int start) {
        /** Where a position in {@link #source} lies in the cell. */
        int cellOffset(int sourcePos) {
            return start + sourcePos;
        }
    }

    /** At most this many statements or characters per block: a Java method's bytecode is limited to 64 KB. */
    private static final int BLOCK_STATEMENTS = 1500, BLOCK_CHARS = 30_000;

    private static final Set<String> STATEMENT_KEYWORDS = Set.of("if", "for", "while", "do", "switch", "try", "throw", "synchronized");
    private static final Pattern DECLARATION = Pattern.compile(
            "^(?:@\\w+\\s*)*(?:(?:public|private|protected|static|final|abstract|default|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:(?:class|interface|enum|record|import|var)\\b|[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*\\s*(?:<[^;=(]*>)?\\s*(?:\\[\\s*\\]\\s*)*\\s+[A-Za-z_$][\\w$]*\\s*(?:[=;,(\\[]|$))");
    private static final Pattern STATEMENT_START = Pattern.compile(
            "^(?:\\+\\+|--|[A-Za-z_$][\\w$]*\\s*(?:\\.|\\(|\\[|\\+\\+|--|(?:[-+*/%&|^]|<<|>>>?)?=(?!=)))");

    /** javac cannot compile a string constant over 65535 UTF-8 bytes, and such a snippet breaks a JShell session for good. */
    static final int MAX_LITERAL = 65_000;

    /** The cell's snippets; a string literal too long to compile is refused before JShell sees it. */
    static List<Piece> split(String cell) throws CellError {
        return group(cell, pieces(cell));
    }

    /** The cell's top-level snippets, ungrouped. */
    static List<Piece> pieces(String cell) throws CellError {
        List<Piece> raw = new ArrayList<>();
        int n = cell.length(), depth = 0, start = 0, line = 0, startLine = 0;
        boolean sawCode = false;
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c == '\n') line++;
            if (!sawCode && !Character.isWhitespace(c)) {
                sawCode = true;
                start = i;
                startLine = line;
            }
            if (c == '/' && i + 1 < n && cell.charAt(i + 1) == '/') {
                while (i + 1 < n && cell.charAt(i + 1) != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < n && cell.charAt(i + 1) == '*') {
                int end = cell.indexOf("*/", i + 2);
                int stop = end < 0 ? n - 1 : end + 1;
                for (int k = i; k <= stop; k++) if (cell.charAt(k) == '\n') line++;
                i = stop;
                continue;
            }
            if (c == '"' || c == '\'') {
                int literalStart = i, literalLine = line;
                boolean text = c == '"' && cell.startsWith("\"\"\"", i);
                i += text ? 3 : 1;
                while (i < n) {
                    char d = cell.charAt(i);
                    if (d == '\n') line++;
                    if (d == '\\') i++;
                    else if (text ? cell.startsWith("\"\"\"", i) : d == c || d == '\n') break;
                    i++;
                }
                if (i - literalStart > MAX_LITERAL) {
                    throw new CellError("CompilationError", "string literal of " + (i - literalStart) + " characters is too long (Java's limit is 65535 bytes); read large text from a file instead",
                            List.of("CompilationError: string literal too long at cell line " + (literalLine + 1)));
                }
                if (text) i += 2;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') depth = Math.max(0, depth - 1);
            boolean ends = depth == 0 && (c == ';' || c == '}' && !continuesAfterBrace(cell, i + 1));
            if (ends && sawCode) {
                raw.add(new Piece(cell.substring(start, i + 1), startLine, start));
                sawCode = false;
            }
        }
        if (sawCode && !cell.substring(start).isBlank()) raw.add(new Piece(cell.substring(start), startLine, start));
        return raw;
    }

    /** After a closing brace, these continue the same statement. */
    private static boolean continuesAfterBrace(String cell, int from) {
        int i = from;
        while (i < cell.length() && Character.isWhitespace(cell.charAt(i))) i++;
        for (String w : new String[] {"else", "catch", "finally", "while", ")", ",", ";", ".", "?", ":"}) {
            if (cell.startsWith(w, i)) return true;
        }
        return false;
    }

    /** What a top-level piece is, as far as running it goes. */
    enum Kind {
        /** A class, interface, enum, record, method or import: defines a name, runs nothing. */
        DEFINITION,
        /** A variable declaration: defines a name and runs its initializer. */
        VARIABLE,
        /** A statement or expression: runs. */
        RUNNABLE
    }

    private static final Pattern MODIFIERS = Pattern.compile(
            "^(?:@(?!interface\\b)[\\w.]+(?:\\s*\\([^)]*\\))?\\s*|(?:public|private|protected|static|final|abstract|default|sealed|non-sealed|strictfp|synchronized|native|transient|volatile)\\s+)*");
    private static final Pattern TYPE_WORD = Pattern.compile("^(?:class|interface|enum|@interface|import)\\b|^record\\s+[A-Za-z_$][\\w$]*\\s*[(<]|^<");
    private static final Pattern TYPED_NAME = Pattern.compile(
            "^[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*\\s*(?:<[^;=(]*>)?\\s*(?:\\[\\s*\\]\\s*)*\\s+[A-Za-z_$][\\w$]*\\s*([=;,(\\[]|$)");
    /** Words that start a statement although "word name" looks like "Type name". */
    private static final Set<String> NOT_TYPES = Set.of("if", "for", "while", "do", "switch", "try", "throw", "synchronized",
            "return", "yield", "assert", "break", "continue", "new", "else");

    /** The kind of a piece, from its first tokens (JShell's own sourceToSnippets costs tens of milliseconds a call). */
    static Kind kind(String source) {
        String t = withoutLeadingComments(source);
        Matcher m = MODIFIERS.matcher(t);
        if (m.find()) t = t.substring(m.end());
        if (TYPE_WORD.matcher(t).find()) return Kind.DEFINITION;
        if (t.startsWith("var ") || t.startsWith("var\t") || t.startsWith("var\n")) return Kind.VARIABLE;
        Matcher d = TYPED_NAME.matcher(t);
        if (d.find() && !NOT_TYPES.contains(t.split("[^\\w$]", 2)[0])) {
            return "(".equals(d.group(1)) ? Kind.DEFINITION : Kind.VARIABLE;
        }
        return Kind.RUNNABLE;
    }

    static String withoutLeadingComments(String source) {
        String t = source.strip();
        while (true) {
            if (t.startsWith("//")) {
                int nl = t.indexOf('\n');
                t = nl < 0 ? "" : t.substring(nl + 1).strip();
            } else if (t.startsWith("/*")) {
                int end = t.indexOf("*/", 2);
                t = end < 0 ? "" : t.substring(end + 2).strip();
            } else {
                return t;
            }
        }
    }

    static boolean isPlainStatement(String s) {
        String t = s.strip();
        if (!t.endsWith(";") && !t.endsWith("}")) return false;
        if (DECLARATION.matcher(t).find()) return false;
        Matcher kw = Pattern.compile("^([a-z]+)\\b").matcher(t);
        if (kw.find() && STATEMENT_KEYWORDS.contains(kw.group(1))) return true;
        return STATEMENT_START.matcher(t).find() && t.endsWith(";");
    }

    /** Runs of two or more plain statements become one block of the cell's own text (comments and blank lines kept). */
    static List<Piece> group(String cell, List<Piece> pieces) {
        List<Piece> out = new ArrayList<>();
        int i = 0;
        while (i < pieces.size()) {
            int j = i;
            int chars = 0;
            while (j < pieces.size() - 1 && j - i < BLOCK_STATEMENTS && chars < BLOCK_CHARS && isPlainStatement(pieces.get(j).source())) {
                chars += pieces.get(j).source().length();
                j++;
            }
            if (j - i >= 2) {
                Piece first = pieces.get(i), last = pieces.get(j - 1);
                String text = cell.substring(first.start(), last.start() + last.source().length());
                out.add(new Piece("{ " + text + "\n}", first.line(), first.start() - 2));
                i = j;
            } else {
                out.add(pieces.get(i));
                i++;
            }
        }
        return out;
    }
}
