// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs Java cells in an in-process JShell: declarations persist across cells, the value of a cell's last
 * expression is returned as the real object, and failures become {@link CellError}s with the user's exception
 * type, message and a traceback in cell line numbers.
 */
public final class JShellEvaluator implements AutoCloseable {
    private final JShell shell;
    private final CapturingExecutionControl control;
    private final SourceCodeAnalysis analysis;
    private final CellClassPath classPath;
    private volatile boolean onDemandAdded;

    public JShellEvaluator(CellClassPath classPath, List<String> startupImports) {
        CapturingExecutionControl.Provider provider = new CapturingExecutionControl.Provider();
        this.control = provider.control;
        this.classPath = classPath;
        this.shell = buildCompilingAgainst(JShell.builder().executionEngine(provider, java.util.Map.of()), classPath.api);
        this.analysis = shell.sourceCodeAnalysis();
        for (String imp : startupImports) {
            for (SnippetEvent e : shell.eval(imp)) {
                if (e.status() == Snippet.Status.REJECTED) throw new IllegalStateException("start-up import failed: " + imp);
            }
        }
    }

    /**
     * Sets the compiler's class path on its file manager, not with a --class-path option: JShell passes compiler
     * options to every compile, so such an option would override what addToClasspath adds later.
     */
    private static JShell buildCompilingAgainst(JShell.Builder builder, List<String> classPath) {
        List<java.io.File> files = classPath.stream().map(java.io.File::new).collect(Collectors.toList());
        return builder.fileManager(fm -> {
            try {
                fm.setLocation(javax.tools.StandardLocation.CLASS_PATH, files);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return fm;
        }).build();
    }

    /** The result of a cell: the last expression's value (null when there is none or it is null). */
    public static final class Result {
        public final Object value;
        public final boolean hasValue;

        Result(Object value, boolean hasValue) {
            this.value = value;
            this.hasValue = hasValue;
        }
    }

    /** Evaluates snippets and then drops them, leaving no trace in the session (a warm-up). */
    public synchronized void warmUp(List<String> snippets) {
        for (String code : snippets) {
            for (SnippetEvent e : shell.eval(code)) {
                if (e.causeSnippet() == null) shell.drop(e.snippet());
            }
        }
    }

    /** Gives the compiler the rest of the class path the first time code names ND4J (see {@link CellClassPath}). */
    public synchronized void prepareFor(String code) {
        if (onDemandAdded || !CellClassPath.needsOnDemand(code)) return;
        // JShell adds to its start-up class path (the JVM's, which holds these): the compiler then sees all of it
        if (!classPath.onDemand.isEmpty()) shell.addToClasspath(String.join(java.io.File.pathSeparator, classPath.onDemand));
        onDemandAdded = true;
    }

    public synchronized Result eval(String cell) throws CellError {
        prepareFor(cell);
        Object last = null;
        boolean hasValue = false;
        for (CellSplitter.Piece piece : CellSplitter.split(cell)) {
            String source = piece.source();
            int lineOffset = piece.line();
            if (source.startsWith("/") && analysis.analyzeCompletion(source).completeness() == SourceCodeAnalysis.Completeness.EMPTY) continue; // only comments
            hasValue = false;
            last = null;
            CellFrames.beforePiece(analysis, source, lineOffset);
            for (SnippetEvent event : shell.eval(source)) {
                if (event.causeSnippet() != null) continue;
                Snippet s = event.snippet();
                CellFrames.ran(analysis, s, lineOffset);
                if (control.takeStopped()) throw new CellError("KeyboardInterrupt", "the cell was interrupted", List.of("KeyboardInterrupt: the cell was interrupted"));
                switch (event.status()) {
                    case REJECTED:
                        throw compileError(s, source, lineOffset);
                    case RECOVERABLE_DEFINED:
                    case RECOVERABLE_NOT_DEFINED:
                        // a declaration may wait for what it names; anything else that cannot run is a compile error
                        throw s instanceof DeclarationSnippet ? unresolved((DeclarationSnippet) s) : compileError(s, source, lineOffset);
                    default:
                        break;
                }
                if (event.exception() != null) throw runtimeError(event.exception(), lineOffset);
                // as in IPython, a trailing semicolon keeps the last expression's value from being shown
                if (isExpression(s) && !source.strip().endsWith(";")) {
                    last = Capture.result;
                    hasValue = true;
                }
                // JShell keeps each expression's value as a temporary variable ($1, $2, ...) and imports every live
                // declaration into every later snippet, so a cell's compile time grows with the session (measured:
                // 6 ms at cell 1, 63 ms at cell 1400). A notebook never names them: drop them once the value is taken.
                if (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) shell.drop(s);
            }
        }
        return new Result(last, hasValue);
    }

    private static boolean isExpression(Snippet s) {
        if (s instanceof VarSnippet) return s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        return s instanceof ExpressionSnippet && s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private static int lineOf(String text, int index) {
        int line = 0;
        for (int i = 0; i < index && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private CellError compileError(Snippet s, String source, int lineOffset) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : shell.diagnostics(s).collect(Collectors.toList())) {
            String msg = d.getMessage(Locale.ROOT);
            if (first == null) first = msg;
            long pos = Math.max(0, d.getStartPosition());
            int line = lineOf(source, (int) pos);
            int lineStart = source.lastIndexOf('\n', (int) Math.max(0, pos - 1)) + 1;
            int lineEnd = source.indexOf('\n', (int) pos);
            String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int from = (int) (Math.max(d.getStartPosition(), lineStart) - lineStart);
            int to = (int) Math.min(Math.max(d.getEndPosition(), d.getStartPosition() + 1) - lineStart, text.length());
            lines.add("cell line " + (lineOffset + line + 1) + ": " + msg);
            lines.add("    " + text);
            lines.add("    " + " ".repeat(Math.max(0, from)) + "^".repeat(Math.max(1, to - from)));
        }
        if (first == null) first = "the snippet was rejected";
        // javac's message continues with "symbol: ... location: ..." lines; the first line and the symbol say it
        String[] parts = first.split("\n");
        String evalue = parts[0];
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("symbol:")) evalue += ": " + p.substring("symbol:".length()).trim();
        }
        return new CellError("CompilationError", evalue, lines);
    }

    private CellError unresolved(DeclarationSnippet s) {
        String names = shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
        String msg = "cannot find symbol: " + names;
        return new CellError("CompilationError", msg, List.of(msg));
    }

    private CellError runtimeError(Exception jshellException, int lineOffset) {
        Throwable real = Capture.thrown;
        String ename, evalue;
        if (real != null) {
            ename = real instanceof TorchException ? ((TorchException) real).pythonType() : real.getClass().getName();
            evalue = real.getMessage() == null ? "" : real.getMessage();
        } else if (jshellException instanceof EvalException) {
            ename = ((EvalException) jshellException).getExceptionClassName();
            evalue = jshellException.getMessage() == null ? "" : jshellException.getMessage();
        } else if (jshellException instanceof UnresolvedReferenceException) {
            ename = "UnresolvedReference";
            evalue = jshellException.getMessage();
        } else {
            ename = jshellException.getClass().getName();
            evalue = String.valueOf(jshellException.getMessage());
        }
        List<String> tb = new ArrayList<>();
        tb.add(ename + ": " + evalue);
        for (StackTraceElement f : jshellException.getStackTrace()) {
            // JShell maps user frames to files "#<snippet id>" with snippet-relative lines; engine frames are hidden
            if (f.getFileName() != null && f.getFileName().startsWith("#")) {
                String m = f.getMethodName();
                String where = m == null || m.isEmpty() || m.equals("do_it$") ? "" : " in " + m + "()";
                tb.add("    at cell line " + (lineOffset + Math.max(1, f.getLineNumber())) + where);
            }
        }
        return new CellError(ename, evalue, tb);
    }

    /** Stops the running cell: JShell's stop, plus a thread interrupt so library loops (backward) stop too. */
    public void interrupt() {
        Thread t = Capture.thread;
        if (t != null) t.interrupt();
        try {
            shell.stop();
        } catch (RuntimeException ignored) {
            // nothing running
        }
    }

    /**
     * The session's variables by the object each holds (identity; the first name wins), so pictures can call a
     * tensor {@code x}. Not synchronized: a running cell calls it (draw) while eval holds the lock on another thread.
     */
    public java.util.IdentityHashMap<Object, String> variablesByValue() {
        java.util.IdentityHashMap<Object, String> out = new java.util.IdentityHashMap<>();
        for (VarSnippet v : shell.variables().collect(Collectors.toList())) {
            if (shell.status(v) != Snippet.Status.VALID || v.name().startsWith("$")) continue;
            Object value = control.valueOf(() -> shell.varValue(v));
            if (value != null) out.putIfAbsent(value, v.name());
        }
        return out;
    }

    public SourceCodeAnalysis analysis() {
        return analysis;
    }

    public JShell shell() {
        return shell;
    }

    @Override
    public void close() {
        shell.close();
    }
}
