// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A cell's statements and variable declarations compiled together, before any of them runs, so a cell that does
 * not compile runs nothing (as Python's SyntaxError). JShell compiles and runs snippet by snippet; this puts the
 * cell's runnable pieces, in order and verbatim, into the body of one throwaway method and compiles that
 * (the cell's methods and classes are already declared by then). A method body is not quite the top level of a
 * JShell cell: the diagnostics listed in {@link #TOP_LEVEL_ONLY} do not apply at the top level and are ignored.
 */
final class CellCheck {
    static final String NAME = "$gradbook$check$";
    private static final String HEAD = "void " + NAME + "() throws Throwable {\n";

    /**
     * At the top level, variables are fields (a default value, capturable by lambdas, redeclarable), each piece
     * is its own unit (nothing is unreachable across pieces), and any expression may stand as a statement.
     */
    static final Set<String> TOP_LEVEL_ONLY = Set.of(
            "compiler.err.var.might.not.have.been.initialized",
            "compiler.err.var.not.initialized.in.default.constructor",
            "compiler.err.cant.ref.non.effectively.final.var",
            "compiler.err.already.defined",
            "compiler.err.unreachable.stmt",
            "compiler.err.not.stmt",
            "compiler.err.ret.outside.meth",
            "compiler.err.initializer.must.be.able.to.complete.normally");

    final String source;
    private final List<Integer> starts = new ArrayList<>();
    private final List<CellSplitter.Piece> pieces;

    CellCheck(List<CellSplitter.Piece> runnable) {
        this.pieces = runnable;
        StringBuilder b = new StringBuilder(HEAD);
        for (CellSplitter.Piece p : runnable) {
            starts.add(b.length());
            b.append(CellSplitter.kind(p.source()) == CellSplitter.Kind.VARIABLE ? asLocal(p.source()) : p.source());
            String t = p.source().strip();
            // the cell's last expression has no semicolon (as a bare expression it then reads as "not a statement");
            // the one added goes on a line of its own, after any trailing // comment
            b.append(t.endsWith(";") || t.endsWith("}") ? "\n" : "\n;\n");
        }
        this.source = b.append('}').toString();
    }

    /** A top-level field's modifiers (static, public, ...) are blanked out, position for position: a local has none but final. */
    private static String asLocal(String declaration) {
        java.util.regex.Matcher m = FIELD_MODIFIER.matcher(declaration);
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (m.find()) {
            if (m.start() != at) break; // only the leading run of modifiers
            b.append(" ".repeat(m.end() - m.start()));
            at = m.end();
        }
        return b.append(declaration, at, declaration.length()).toString();
    }

    private static final java.util.regex.Pattern FIELD_MODIFIER = java.util.regex.Pattern.compile(
            "\\s*(?:public|private|protected|static|transient|volatile)\\s+|\\s*final\\s+(?=(?:public|private|protected|static|transient|volatile)\\b)");

    /** The cell offset of a position in {@link #source}, or -1 for one in the method's own text. */
    int cellOffset(long pos) {
        for (int i = pieces.size() - 1; i >= 0; i--) {
            int s = starts.get(i);
            if (pos >= s) {
                long within = pos - s;
                return within <= pieces.get(i).source().length() ? pieces.get(i).cellOffset((int) within) : -1;
            }
        }
        return -1;
    }
}
