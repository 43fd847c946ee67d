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
 * them. Snippets are noted as they run and the piece running now before it runs; their wrappers are asked of
 * JShell only when a frame must be mapped (a warning or an anomaly trace), so ordinary cells pay nothing.
 */
public final class CellFrames {
    private record Where(SourceCodeAnalysis.SnippetWrapper wrapper, int lineOffset) {}

    private record Ran(Snippet snippet, int lineOffset) {}

    private static final Map<String, Where> BY_CLASS = new ConcurrentHashMap<>();
    private static final java.util.Deque<Ran> UNMAPPED = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static volatile SourceCodeAnalysis analysis;
    private static volatile String runningSource;
    private static volatile int runningOffset;
    private static volatile List<Where> running;

    private CellFrames() {}

    static void beforePiece(SourceCodeAnalysis a, String source, int lineOffset) {
        analysis = a;
        runningSource = source;
        runningOffset = lineOffset;
        running = null;
    }

    static void ran(SourceCodeAnalysis a, Snippet s, int lineOffset) {
        analysis = a;
        UNMAPPED.add(new Ran(s, lineOffset));
    }

    /** The wrapper of a frame's class: snippets that ran are wrapped on first need; else the piece running now. */
    private static Where whereOf(String className) {
        String outer = outerClass(className);
        Where where = BY_CLASS.get(outer);
        if (where != null) return where;
        SourceCodeAnalysis a = analysis;
        if (a == null) return null;
        // newest first: the frames of a trace are mostly recent cells, so a long session is not wrapped in full
        int budget = 200; // older cells than this stay unmapped rather than make one warning slow
        for (java.util.Iterator<Ran> it = UNMAPPED.descendingIterator(); it.hasNext() && budget-- > 0; ) {
            Ran r = it.next();
            it.remove();
            try {
                SourceCodeAnalysis.SnippetWrapper w = a.wrapper(r.snippet());
                Where found = new Where(w, r.lineOffset());
                BY_CLASS.put(w.fullClassName(), found);
                if (w.fullClassName().equals(outer)) return found;
            } catch (RuntimeException e) {
                // a dropped snippet JShell cannot wrap again: its frames stay unmapped
            }
        }
        try {
            if (running == null && runningSource != null) {
                int offset = runningOffset;
                running = a.wrappers(runningSource).stream().map(w -> new Where(w, offset)).toList();
            }
        } catch (RuntimeException e) {
            return null; // JShell could not wrap again: the frame stays unmapped
        }
        return running != null && running.size() == 1 ? running.get(0) : null;
    }

    /** The cell frames of a stack as Python shows a traceback's lines, innermost last. */
    public static String format(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        for (int k = stack.length - 1; k >= 0; k--) {
            StackTraceElement f = stack[k];
            if (!f.getClassName().startsWith("REPL.")) continue;
            Where where = whereOf(f.getClassName());
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
        Where where = whereOf(f.getClassName());
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
