// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.PersistentSnippet;
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
    /** JShell's completion index is built while the kernel is idle, not beside start-up and cells. */
    private final IndexingGate indexing;
    private final CellClassPath classPath;
    private volatile boolean onDemandAdded;
    private final SourceMap sourceMap;
    private final SessionPruner pruner;
    private final JavacPruner javacPruner;
    /** Whether a cell's trailing expression may hand its value over as an assignment ({@link TrailingValue}). */
    private final boolean trailingValues;
    /** The kernel's work: an idle-time warm-up snippet ({@link #warmUpWhileIdle}) runs only while there is none. */
    private final Activity activity;
    /** The session's start-up imports (a student's own imports of an API name stop the compiler warm-up). */
    private final Set<Snippet> preludeImports = new HashSet<>();

    public JShellEvaluator(CellClassPath classPath, List<String> startupImports) {
        this(classPath, startupImports, new Activity());
    }

    /** An evaluator whose cells count as the kernel's work in {@code activity} (the kernel's one: see Main). */
    public JShellEvaluator(CellClassPath classPath, List<String> startupImports, Activity activity) {
        CapturingExecutionControl.Provider provider = new CapturingExecutionControl.Provider();
        this.control = provider.control;
        this.classPath = classPath;
        this.activity = activity;
        this.shell = buildCompilingAgainst(JavacNames.weaklyHeld(JShell.builder().executionEngine(provider, java.util.Map.of())), classPath.api);
        this.analysis = shell.sourceCodeAnalysis();
        this.indexing = new IndexingGate(analysis, activity);
        this.sourceMap = new SourceMap(shell::snippets);
        this.pruner = new SessionPruner(shell, control);
        this.javacPruner = new JavacPruner(shell);
        io.gradbook.kernel.Log.debug("JShell built");
        for (String imp : startupImports) {
            for (SnippetEvent e : shell.eval(imp)) {
                if (e.status() == Snippet.Status.REJECTED) throw new IllegalStateException("start-up import failed: " + imp);
                preludeImports.add(e.snippet());
            }
            io.gradbook.kernel.Log.debug("imported " + imp);
        }
        trailingValues = shell.eval(TrailingValue.IMPORT).stream().allMatch(e -> e.status() == Snippet.Status.VALID);
        io.gradbook.kernel.Log.debug("trailing-value import");
        hideStatements();
        io.gradbook.kernel.Log.debug("hidden statements on");
        indexing.idle();
    }

    /**
     * Statements and expressions then load as hidden classes ({@link HiddenStatements}), which need a lookup on a
     * class of the session's loader: a class of its own loaded there without javac ({@link LookupClass}), or else
     * the value of an expression JShell runs, the one wrapper class kept for it.
     */
    private void hideStatements() {
        if (control.hidden == null || !SessionPruner.available() || !HiddenStatements.framesShown()) return;
        control.hidden.useLookup(LookupClass.define(control.hidden.jshell()));
        if (control.hidden.enabled()) return;
        for (SnippetEvent e : shell.eval("java.lang.invoke.MethodHandles.lookup()")) {
            if (e.causeSnippet() != null) continue;
            if (e.exception() == null && Capture.result instanceof java.lang.invoke.MethodHandles.Lookup) {
                control.hidden.useLookup((java.lang.invoke.MethodHandles.Lookup) Capture.result);
            }
            if (shell.status(e.snippet()).isActive()) shell.drop(e.snippet());
            pruner.prune(e.snippet());
        }
        Capture.result = null;
    }

    /** Whether a cell's trailing expression hands its value over as an assignment ({@link TrailingValue}). */
    boolean handsOverTrailingValues() {
        return trailingValues;
    }

    /** The class hidden statements are defined through (see {@link LookupClass}), or null. */
    String hiddenLookupClass() {
        return control.hidden == null ? null : control.hidden.lookupClassName();
    }

    /** Whether statements load as hidden classes, unloaded once they ran (see {@link HiddenStatements}). */
    public boolean hidesStatements() {
        return control.hidden != null && control.hidden.enabled();
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
            return new IndexKeepingFileManager(fm);
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

    /**
     * Evaluates snippets and then drops them, leaving no trace in the session (a warm-up). Stops before the next
     * snippet once {@code stop} says a real cell is waiting, or once a cell has run (it warmed the compiler up);
     * returns whether every snippet ran.
     */
    public boolean warmUp(List<String> snippets, java.util.function.BooleanSupplier stop) {
        indexing.hold();
        try {
            for (String code : snippets) {
                if (stop.getAsBoolean() || evaluating || cellRan) return false;
                synchronized (this) {
                    warmUpAsACell(code);
                }
            }
            return true;
        } finally {
            indexing.idle();
        }
    }

    /**
     * One snippet of the idle-time compiler warm-up ({@link CompilerWarmUp}), down a cell's path and then forgotten as
     * {@link #warmUp}'s are, but after cells too, and not counted as the kernel's work: the idle time it runs in goes on
     * (the engine's JIT warm-up and JShell's index wait for that time). Under this evaluator's lock, so a cell waits
     * for the snippet to end; compiles nothing (gives way) once a request has started ({@link #awaitWarmUpSnippet}),
     * and nothing (fails) while the session itself declares or imports one of the names the snippet takes from the
     * API ({@code methods}, {@code types}): checked under the same lock, so no cell can declare one in between.
     */
    synchronized CompilerWarmUp.Outcome warmUpWhileIdle(String code, Set<String> methods, Set<String> types) {
        if (evaluating || activity.isBusy()) return CompilerWarmUp.Outcome.GAVE_WAY;
        if (declaresAnyOf(methods, types)) return CompilerWarmUp.Outcome.FAILED;
        boolean ran = warmUpAsACell(code);
        javacPruner.cellDone();
        return ran ? CompilerWarmUp.Outcome.RAN : CompilerWarmUp.Outcome.FAILED;
    }

    /**
     * Whether the session itself declares a method named in {@code methods}, or a type or variable named in
     * {@code types}, or imports one of those names itself (a single import shadows the prelude's imports on demand):
     * then an unqualified use of that name means the student's code, not the imported API.
     */
    private boolean declaresAnyOf(Set<String> methods, Set<String> types) {
        return shell.methods().anyMatch(m -> methods.contains(m.name()))
                || shell.types().anyMatch(t -> types.contains(t.name()))
                || shell.variables().anyMatch(v -> types.contains(v.name()))
                || shell.imports().anyMatch(i -> (methods.contains(i.name()) || types.contains(i.name()))
                        && !preludeImports.contains(i));
    }

    /**
     * Returns once no warm-up snippet is compiling or running: the kernel calls it after it has counted a request as
     * work, so that nothing else touches JShell beside a request (completion and inspection use JShell outside a cell,
     * and JShell is not made for two threads); a snippet that would start after this sees the work and does not.
     */
    public synchronized void awaitWarmUpSnippet() {
        // the lock is the wait: warmUpWhileIdle holds it for a whole snippet
    }

    /**
     * A warm-up snippet down the path a cell's snippet takes ({@link #run}): a trailing expression as the assignment
     * that hands its value over ({@link TrailingValue}), compiled by javac once and loaded as a hidden statement; then
     * let go as a cell's snippets are. JShell's plain path for an expression (a {@code $N} variable, javac run three
     * times, a wrapper class of its own) left much of what a first {@code 1 + 1} cell runs cold: after it that cell's
     * eval took 34-43 ms of its thread's CPU, after this 23-26 (a second cell 17-20; bench/RESULTS.md, start-up).
     */
    private boolean warmUpAsACell(String code) {
        boolean runnable = CellSplitter.kind(code) == CellSplitter.Kind.RUNNABLE;
        String shown = trailingValues && runnable ? TrailingValue.assignment(code) : null;
        List<SnippetEvent> events = shown == null ? null : evalShown(shown);
        if (events == null) events = evalAs(runnable ? HiddenStatements.Next.STATEMENT : HiddenStatements.Next.DECLARATION, code);
        boolean ran = true;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue;
            Snippet s = e.snippet();
            ran &= e.status().isDefined() && e.exception() == null;
            if (shell.status(s).isActive() && s instanceof DeclarationSnippet) shell.drop(s);
            // forgotten as run() forgets a cell's snippets; a declaration is dropped
            if (forgottenOnceRun(s, e.status())) pruner.prune(s);
        }
        TrailingValue.take();
        Capture.result = null;
        return ran;
    }

    /** Gives the compiler the rest of the class path the first time code names ND4J (see {@link CellClassPath}). */
    public synchronized void prepareFor(String code) {
        if (onDemandAdded || !CellClassPath.needsOnDemand(code)) return;
        // JShell adds to its start-up class path (the JVM's, which holds these): the compiler then sees all of it
        if (!classPath.onDemand.isEmpty()) shell.addToClasspath(String.join(java.io.File.pathSeparator, classPath.onDemand));
        onDemandAdded = true;
    }

    public synchronized Result eval(String cell) throws CellError {
        return eval(cell, null);
    }

    /**
     * Runs a cell. {@code cellName} is how later tracebacks name this cell (IPython's "In[5]"); null for none.
     * A cell whose code does not compile runs nothing: its methods and classes are declared first (declaring runs
     * no code), then its statements and variable declarations are compiled together ({@link CellCheck}) before
     * the first of them runs; on a compile error the declarations it made are undone.
     */
    public synchronized Result eval(String cell, String cellName) throws CellError {
        evaluating = true; // first: an interrupt from now on reaches the cell
        cellRan = true;
        indexing.hold();
        // read after `evaluating` is set (Kernel.interruptIfRunning writes its mark before it reads that flag)
        if (interruptQueued || interruptPending.getAsBoolean()) {
            interruptQueued = false;
            control.requestInterrupt();
        }
        try {
            return evalCell(cell, cellName);
        } catch (CellError e) {
            // an interrupted sleep, wait, take or join ends in an InterruptedException (or what the cell made of it):
            // the user pressed interrupt, and sees KeyboardInterrupt as ipykernel shows it
            if (control.interruptRequested() && !e.ename.equals("CompilationError")) throw keyboardInterrupt();
            throw e;
        } finally {
            evaluating = false;
            control.clearInterrupt();
            javacPruner.cellDone();
            indexing.idle();
        }
    }

    private static CellError keyboardInterrupt() {
        return new CellError("KeyboardInterrupt", "the cell was interrupted", List.of("KeyboardInterrupt: the cell was interrupted"));
    }

    private volatile boolean evaluating, interruptQueued;
    private volatile boolean cellRan;

    /**
     * An interrupt for a cell the kernel has received but not yet started (the machine is busy, or it is still
     * being read): it stops that cell as soon as it starts, instead of being lost.
     */
    public void interruptQueued() {
        interruptQueued = true;
    }

    /** Whether an interrupt came for the cell being evaluated before its code started (the kernel's request count). */
    private volatile java.util.function.BooleanSupplier interruptPending = () -> false;

    /** The kernel's answer to "was this cell interrupted before it started?", asked once the cell counts as running. */
    public void interruptPendingFrom(java.util.function.BooleanSupplier pending) {
        interruptPending = pending;
    }

    private Result evalCell(String cell, String cellName) throws CellError {
        prepareFor(cell);
        List<CellSplitter.Piece> pieces = new ArrayList<>();
        for (CellSplitter.Piece p : CellSplitter.pieces(cell)) {
            String source = p.source();
            if (source.startsWith("/") && analysis.analyzeCompletion(source).completeness() == SourceCodeAnalysis.Completeness.EMPTY) continue; // only comments
            pieces.add(p);
        }
        if (pieces.size() <= 1) return run(cell, cellName, pieces); // JShell compiles a snippet before it runs it
        List<CellSplitter.Piece> definitions = new ArrayList<>(), runnable = new ArrayList<>();
        Set<String> cellVariables = new HashSet<>();
        List<List<CellSplitter.Piece>> runs = new ArrayList<>();
        List<CellSplitter.Piece> currentRun = new ArrayList<>();
        for (CellSplitter.Piece p : pieces) {
            CellSplitter.Kind kind = CellSplitter.kind(p.source());
            if (kind == CellSplitter.Kind.DEFINITION) {
                definitions.add(p);
                if (!currentRun.isEmpty()) runs.add(currentRun);
                currentRun = new ArrayList<>();
            } else {
                currentRun.add(p);
                if (kind == CellSplitter.Kind.VARIABLE) cellVariables.addAll(declaredNames(p.source()));
            }
        }
        if (!currentRun.isEmpty()) runs.add(currentRun);
        for (List<CellSplitter.Piece> r : runs) runnable.addAll(CellSplitter.group(cell, r));
        Undo undo = new Undo();
        try {
            declare(cell, cellName, definitions, cellVariables, undo);
            // a very large cell (thousands of statements) would not fit one method's 64 KB of bytecode: checked piece by piece
            if (runnable.size() >= 2 && cell.length() <= CHECK_LIMIT) check(cell, cellName, runnable);
        } catch (CellError | RuntimeException e) {
            undo.run();
            throw e;
        }
        try {
            return run(cell, cellName, runnable);
        } finally {
            // the cell compiled: the declarations its definitions replaced are not coming back
            for (Snippet old : undo.replaced) {
                sourceMap.forget(old);
                pruner.pruneOverwritten(old);
            }
        }
    }

    /** Cells longer than this are compiled piece by piece only (see {@link CellCheck}). */
    static final int CHECK_LIMIT = 30_000;

    /** The names a variable declaration piece declares ({@code int a = 1, b;} declares a and b). */
    private static Set<String> declaredNames(String source) {
        Set<String> names = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_$][\\w$]*)\\s*(?:\\[\\s*\\]\\s*)*(?:=|;|,|$)").matcher(source);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** What a failing cell's declarations replaced or added, to put back. */
    private final class Undo {
        final List<Snippet> added = new ArrayList<>();
        final List<Snippet> replaced = new ArrayList<>();

        void run() {
            for (int i = added.size() - 1; i >= 0; i--) {
                Snippet s = added.get(i);
                if (shell.status(s).isActive()) shell.drop(s);
                sourceMap.forget(s);
            }
            for (Snippet old : replaced) {
                SourceMap.Origin o = sourceMap.origin(old.id());
                for (SnippetEvent e : shell.eval(old.source())) {
                    if (e.causeSnippet() == null && o != null) sourceMap.record(e.snippet(), o, true);
                }
            }
        }
    }

    private void declare(String cell, String cellName, List<CellSplitter.Piece> definitions, Set<String> cellVariables, Undo undo) throws CellError {
        List<Snippet> declared = new ArrayList<>();
        for (CellSplitter.Piece piece : definitions) {
            for (SnippetEvent event : shell.eval(piece.source())) {
                Snippet s = event.snippet();
                if (event.causeSnippet() != null) {
                    if (event.status() == Snippet.Status.OVERWRITTEN && event.previousStatus().isActive() && !undo.added.contains(s)) undo.replaced.add(s);
                    continue;
                }
                if (event.status() == Snippet.Status.REJECTED) throw compileError(s, piece, cell, cellName);
                sourceMap.record(s, new SourceMap.Origin(cellName, piece.line()), true);
                undo.added.add(s);
                declared.add(s);
            }
        }
        // a method may name a variable the cell declares further down: JShell resolves it when that variable comes
        for (Snippet s : declared) {
            Snippet.Status st = shell.status(s);
            if (st == Snippet.Status.RECOVERABLE_DEFINED || st == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                List<String> missing = shell.unresolvedDependencies((DeclarationSnippet) s).filter(n -> !cellVariables.contains(n.replaceFirst("^variable ", ""))).collect(Collectors.toList());
                if (!missing.isEmpty()) throw unresolved((DeclarationSnippet) s, missing, cell, definitions.get(declared.indexOf(s)), cellName);
            }
        }
    }

    /** Compiles the cell's runnable pieces together ({@link CellCheck}); throws the first real compile error. */
    private void check(String cell, String cellName, List<CellSplitter.Piece> runnable) throws CellError {
        CellCheck check = new CellCheck(runnable);
        for (SnippetEvent event : evalAs(HiddenStatements.Next.CHECK, check.source)) {
            if (event.causeSnippet() != null) continue;
            Snippet s = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                List<Diag> real = shell.diagnostics(s)
                        .filter(d -> d.isError() && !CellCheck.TOP_LEVEL_ONLY.contains(d.getCode()) && check.cellOffset(d.getStartPosition()) >= 0)
                        .collect(Collectors.toList());
                pruner.prune(s);
                if (!real.isEmpty()) throw compileError(real, pos -> check.cellOffset(pos), cell, cellName);
            } else {
                if (shell.status(s).isActive()) shell.drop(s);
                pruner.prune(s);
            }
        }
    }

    /**
     * Whether a snippet that has run is forgotten from JShell's tables: a statement, an expression (its {@code $N}
     * temporary too) or a rejected snippet can never be named again, and JShell would keep each one (expression values
     * as $1, $2, ... imported into every later snippet: measured 6 ms at cell 1, 63 ms at cell 1400); a notebook never
     * names them. Declarations and imports stay (an import is no declaration, but every later snippet compiles with it).
     */
    private static boolean forgottenOnceRun(Snippet s, Snippet.Status status) {
        return !(s instanceof PersistentSnippet) || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || status == Snippet.Status.REJECTED;
    }

    /** Runs the pieces one by one; the value of the last expression is the cell's result. */
    private Result run(String cell, String cellName, List<CellSplitter.Piece> pieces) throws CellError {
        Object last = null;
        boolean hasValue = false;
        for (int i = 0; i < pieces.size(); i++) {
            CellSplitter.Piece piece = pieces.get(i);
            String source = piece.source();
            hasValue = false;
            last = null;
            sourceMap.running(new SourceMap.Origin(cellName, piece.line()));
            boolean runnable = CellSplitter.kind(source) == CellSplitter.Kind.RUNNABLE;
            // the cell's trailing expression, as an assignment that hands over its value (TrailingValue)
            String shown = trailingValues && runnable && i == pieces.size() - 1 ? TrailingValue.assignment(source) : null;
            List<SnippetEvent> events = shown == null ? null : evalShown(shown);
            boolean valueHandedOver = events != null;
            if (events == null) events = evalAs(runnable ? HiddenStatements.Next.STATEMENT : HiddenStatements.Next.DECLARATION, source);
            for (SnippetEvent event : events) {
                Snippet s = event.snippet();
                if (event.causeSnippet() != null) {
                    // a redefined declaration (var x again, a method's new body): nothing can name the old one now
                    if (event.status() == Snippet.Status.OVERWRITTEN) {
                        sourceMap.forget(s);
                        pruner.pruneOverwritten(s);
                    }
                    continue;
                }
                try {
                    runEvent(event, s, piece, cell, cellName);
                } finally {
                    if (forgottenOnceRun(s, event.status())) {
                        if (shell.status(s).isActive() && s instanceof DeclarationSnippet) shell.drop(s);
                        pruner.prune(s);
                    }
                }
                if (valueHandedOver) {
                    last = TrailingValue.take(); // runEvent threw if the assignment did not run to its end
                    hasValue = true;
                } else if (isExpression(s) && !source.strip().endsWith(";")) {
                    last = Capture.result;
                    hasValue = true;
                }
            }
        }
        return new Result(last, hasValue);
    }

    /**
     * Runs a trailing expression's assignment ({@link TrailingValue}); null when it did not compile (nothing ran),
     * so that the expression itself goes to JShell and any compile error is reported as JShell reports it.
     */
    private List<SnippetEvent> evalShown(String assignment) {
        TrailingValue.take();
        List<SnippetEvent> events = evalAs(HiddenStatements.Next.STATEMENT, assignment);
        boolean ran = events.size() == 1 && events.get(0).causeSnippet() == null && events.get(0).status() == Snippet.Status.VALID;
        if (ran) return events;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue;
            if (shell.status(e.snippet()).isActive() && e.snippet() instanceof DeclarationSnippet) shell.drop(e.snippet());
            pruner.prune(e.snippet());
        }
        return null;
    }

    /** JShell's eval, telling the class loading what the snippet is for (see {@link HiddenStatements}). */
    private List<SnippetEvent> evalAs(HiddenStatements.Next what, String source) {
        if (control.hidden == null) return shell.eval(source);
        control.hidden.expect(what);
        try {
            return shell.eval(source);
        } finally {
            control.hidden.expect(HiddenStatements.Next.DECLARATION);
        }
    }

    /** Reports what went wrong with one snippet of a piece, if anything did. */
    private void runEvent(SnippetEvent event, Snippet s, CellSplitter.Piece piece, String cell, String cellName) throws CellError {
        boolean declaration = s instanceof DeclarationSnippet;
        if (event.status() != Snippet.Status.REJECTED) sourceMap.record(s, new SourceMap.Origin(cellName, piece.line()), declaration && !isExpression(s));
        if (control.takeStopped()) throw keyboardInterrupt();
        switch (event.status()) {
            case REJECTED:
                throw compileError(s, piece, cell, cellName);
            case RECOVERABLE_DEFINED:
            case RECOVERABLE_NOT_DEFINED:
                // a declaration may wait for what it names; anything else that cannot run is a compile error
                if (s instanceof DeclarationSnippet) {
                    throw unresolved((DeclarationSnippet) s, shell.unresolvedDependencies((DeclarationSnippet) s).collect(Collectors.toList()), cell, piece, cellName);
                }
                throw compileError(s, piece, cell, cellName);
            default:
                break;
        }
        if (event.exception() != null) throw runtimeError(event.exception(), cellName);
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

    private CellError compileError(Snippet s, CellSplitter.Piece piece, String cell, String cellName) {
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) diags = shell.diagnostics(s).collect(Collectors.toList());
        return compileError(diags, pos -> piece.cellOffset((int) Math.max(0, pos)), cell, cellName);
    }

    /** Every diagnostic at its cell line, with the line's text and a caret under the columns it names. */
    private static CellError compileError(List<Diag> diags, java.util.function.LongToIntFunction toCell, String cell, String cellName) {
        List<String> lines = new ArrayList<>();
        List<CellError.Location> where = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            String msg = d.getMessage(Locale.ROOT);
            if (first == null) first = msg;
            int pos = Math.max(0, Math.min(cell.length(), toCell.applyAsInt(Math.max(0, d.getStartPosition()))));
            int endPos = d.getEndPosition() > d.getStartPosition() ? toCell.applyAsInt(d.getEndPosition()) : pos + 1;
            int line = lineOf(cell, pos);
            int lineStart = cell.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = cell.indexOf('\n', pos);
            String text = cell.substring(lineStart, lineEnd < 0 ? cell.length() : lineEnd);
            int from = pos - lineStart;
            int to = Math.min(Math.max(endPos, pos + 1) - lineStart, text.length());
            lines.add("cell line " + (line + 1) + ": " + msg);
            lines.add("    " + text);
            lines.add("    " + " ".repeat(Math.max(0, from)) + "^".repeat(Math.max(1, to - from)));
            where.add(new CellError.Location(cellName, line + 1, from + 1, null));
        }
        if (first == null) first = "the snippet was rejected";
        // javac's message continues with "symbol: ... location: ..." lines; the first line and the symbol say it
        String[] parts = first.split("\n");
        String evalue = parts[0];
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("symbol:")) evalue += ": " + p.substring("symbol:".length()).trim();
        }
        return new CellError("CompilationError", evalue, lines, where);
    }

    private CellError unresolved(DeclarationSnippet s, List<String> missing, String cell, CellSplitter.Piece piece, String cellName) {
        String msg = "cannot find symbol: " + String.join(", ", missing);
        int line = piece.line() + 1;
        return new CellError("CompilationError", msg, List.of("cell line " + line + ": " + msg),
                List.of(new CellError.Location(cellName, line, 0, null)));
    }

    /** The cell location of a frame of cell code (any cell of the session), or null for other code. */
    public CellError.Location locate(StackTraceElement frame) {
        return sourceMap.locate(frame);
    }

    private CellError runtimeError(Exception jshellException, String cellName) {
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
        List<CellError.Location> where = new ArrayList<>();
        tb.add(ename + ": " + evalue);
        for (StackTraceElement f : jshellException.getStackTrace()) {
            // JShell maps user frames to files "#<snippet id>" with snippet-relative lines; engine frames are hidden
            CellError.Location loc = sourceMap.locate(f);
            if (loc == null) continue;
            where.add(loc);
            tb.add("    at " + describe(loc, cellName));
        }
        return new CellError(ename, evalue, tb, where);
    }

    /** "cell line 3 in f()" for the failing cell, "In[2] line 3 in f()" for code another cell defined. */
    static String describe(CellError.Location loc, String currentCell) {
        String cellPart = loc.cell() == null || loc.cell().equals(currentCell) ? "cell" : loc.cell();
        String linePart = loc.line() > 0 ? " line " + loc.line() : "";
        return cellPart + linePart + (loc.method() == null ? "" : " in " + loc.method() + "()");
    }

    /**
     * Stops the running cell: JShell's stop reaches the cell's thread ({@link ThreadStop}, which also interrupts it,
     * so library loops (backward) and blocking calls stop too). Threads the cell started in the background keep
     * running (as in ipykernel).
     */
    public boolean interrupt() {
        if (!evaluating) return false; // as in ipykernel, an interrupt between cells does nothing
        control.requestInterrupt();
        try {
            shell.stop();
        } catch (RuntimeException ignored) {
            // nothing running
        }
        return true;
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
        indexing.open(); // JShell's indexing thread is one for the whole JVM: never leave it held
        shell.close();
    }
}
