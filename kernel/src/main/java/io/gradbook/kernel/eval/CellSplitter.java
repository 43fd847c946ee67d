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
 * stays separate (its value is shown).
 */
final class CellSplitter {
    private CellSplitter() {}

    /** A piece of the cell and the 0-based line it starts on. */
    record Piece(String source, int line) {}

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
                raw.add(new Piece(cell.substring(start, i + 1), startLine));
                sawCode = false;
            }
        }
        if (sawCode && !cell.substring(start).isBlank()) raw.add(new Piece(cell.substring(start), startLine));
        return group(raw);
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

    static boolean isPlainStatement(String s) {
        String t = s.strip();
        if (!t.endsWith(";") && !t.endsWith("}")) return false;
        if (DECLARATION.matcher(t).find()) return false;
        Matcher kw = Pattern.compile("^([a-z]+)\\b").matcher(t);
        if (kw.find() && STATEMENT_KEYWORDS.contains(kw.group(1))) return true;
        return STATEMENT_START.matcher(t).find() && t.endsWith(";");
    }

    private static List<Piece> group(List<Piece> pieces) {
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
                StringBuilder block = new StringBuilder("{ ");
                for (int k = i; k < j; k++) block.append(pieces.get(k).source()).append('\n');
                out.add(new Piece(block.append('}').toString(), pieces.get(i).line()));
                i = j;
            } else {
                out.add(pieces.get(i));
                i++;
            }
        }
        return out;
    }
}
