// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Maps a raw in-process stack frame of cell code (class {@code REPL.$JShell$N}, a line of JShell's generated
 * wrapper) back to the cell line it came from, through JShell's public {@link SourceCodeAnalysis.SnippetWrapper}.
 * Used for anomaly mode's forward traces, which are captured while a cell runs, long before JShell would translate
 * them. Wrappers are noted as snippets run; the piece running now is known from its wrappers before it runs.
 */
public final class CellFrames {
    private record Where(SourceCodeAnalysis.SnippetWrapper wrapper, int lineOffset) {}

    private static final Map<String, Where> BY_CLASS = new ConcurrentHashMap<>();
    private static volatile List<Where> running = List.of();

    private CellFrames() {}

    static void beforePiece(SourceCodeAnalysis analysis, String source, int lineOffset) {
        try {
            running = analysis.wrappers(source).stream().map(w -> new Where(w, lineOffset)).toList();
        } catch (RuntimeException e) {
            running = List.of();
        }
    }

    static void ran(SourceCodeAnalysis analysis, Snippet s, int lineOffset) {
        try {
            SourceCodeAnalysis.SnippetWrapper w = analysis.wrapper(s);
            BY_CLASS.put(w.fullClassName(), new Where(w, lineOffset));
        } catch (RuntimeException ignored) {
            // a snippet JShell cannot wrap again: its frames stay unmapped
        }
    }

    /** The cell frames of a stack as Python shows a traceback's lines, innermost last. */
    public static String format(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        for (int k = stack.length - 1; k >= 0; k--) {
            StackTraceElement f = stack[k];
            if (!f.getClassName().startsWith("REPL.")) continue;
            Where where = BY_CLASS.get(outerClass(f.getClassName()));
            if (where == null && running.size() == 1) where = running.get(0);
            String m = f.getMethodName();
            if (sb.length() > 0) sb.append('\n');
            sb.append("  File \"<cell>\"");
            int line = where == null ? -1 : cellLine(where, f.getLineNumber());
            if (line > 0) sb.append(", line ").append(line);
            sb.append(", in ").append(m.equals("do_it$") ? "<module>" : m);
        }
        return sb.toString();
    }

    /** The cell line of one frame of cell code, or -1 when it cannot be told. */
    public static int cellLine(StackTraceElement f) {
        if (!f.getClassName().startsWith("REPL.")) return -1;
        Where where = BY_CLASS.get(outerClass(f.getClassName()));
        if (where == null && running.size() == 1) where = running.get(0);
        return where == null ? -1 : cellLine(where, f.getLineNumber());
    }

    private static String outerClass(String className) {
        int i = className.indexOf('$', "REPL.$JShell$".length());
        return i < 0 ? className : className.substring(0, i);
    }

    /** Wrapper line (1-based) to cell line (1-based), or -1. */
    private static int cellLine(Where where, int wrappedLine) {
        String wrapped = where.wrapper.wrapped();
        int pos = 0;
        for (int l = 1; l < wrappedLine && pos >= 0; l++) pos = wrapped.indexOf('\n', pos) + 1;
        if (pos <= 0 && wrappedLine > 1) return -1;
        while (pos < wrapped.length() && wrapped.charAt(pos) == ' ') pos++;
        int src = where.wrapper.wrappedToSourcePosition(pos);
        if (src < 0) return -1;
        String source = where.wrapper.source();
        int line = 0;
        for (int i = 0; i < src && i < source.length(); i++) if (source.charAt(i) == '\n') line++;
        return where.lineOffset + line + 1;
    }
}
