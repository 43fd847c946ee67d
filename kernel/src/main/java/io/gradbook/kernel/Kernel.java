// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradbook.autograd.Warnings;
import io.gradbook.kernel.eval.CellError;
import io.gradbook.kernel.eval.JShellEvaluator;
import io.gradbook.kernel.protocol.Channel;
import io.gradbook.kernel.protocol.Message;
import io.gradbook.kernel.render.ErrorDisplay;
import io.gradbook.kernel.render.Renderers;
import io.gradbook.kernel.runtime.Notebook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The kernel's answers to each request type; cells run on the executor thread, one at a time. */
final class Kernel implements KernelServer.RequestHandler {
    static final String VERSION = "0.1.0";

    private final KernelServer server;
    /** JShell starts in the background while the front end connects; requests that need it wait for it. */
    private final java.util.concurrent.CompletableFuture<JShellEvaluator> evaluatorReady;
    private volatile Completion completion;
    private final History history = new History();
    private final CellStreams streams;
    private final Magics magics;
    /** The cell's result is rendered where an interrupt reaches it. */
    private final ResultRendering rendering = new ResultRendering();
    private volatile Message current;
    /** The running cell's code and execution count: error tracebacks quote its lines as "Cell In[N]". */
    private volatile String currentCode = "";
    private volatile int currentCount;
    /** How tracebacks name the running cell and the cells before it (IPython's In[n]). */
    private volatile String currentCell;
    private int executionCount;
    /** The engine's JIT warm-up, run while the kernel is idle (null when switched off). */
    private final IdleWarmUp warmUp;
    /** The kernel's work, counted here per request and by the evaluator per cell; the warm-up and the index read it. */
    private final io.gradbook.kernel.eval.Activity activity;

    Kernel(KernelServer server, java.util.concurrent.CompletableFuture<JShellEvaluator> evaluatorReady, io.gradbook.kernel.eval.Activity activity) {
        this.server = server;
        this.evaluatorReady = evaluatorReady;
        this.streams = new CellStreams(this::stream, this::readLine);
        this.magics = new Magics(this::evaluator, this::readLine);
        // a thread a cell started that dies of an exception: its traceback (in cell lines) goes to that cell's stderr
        Thread.setDefaultUncaughtExceptionHandler(this::threadDied);
        Notebook.setDisplayer(this::displayData);
        Notebook.setVariables(() -> {
            JShellEvaluator e = evaluatorReady.getNow(null);
            return e == null ? Map.of() : e.variablesByValue();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(this::answerExitFromCell, "gradbook-cell-exit"));
        Warnings.setHandler((category, message, caller) -> {
            // the caller's frame is in JShell's generated wrapper: the evaluator knows its cell and line
            JShellEvaluator e = evaluatorReady.getNow(null);
            io.gradbook.kernel.eval.CellError.Location at = caller == null || e == null ? null : e.locate(caller.toStackTraceElement());
            String cell = at == null || at.cell() == null || at.cell().equals(currentCell) ? "<cell>" : at.cell();
            String where = at == null || at.line() == 0 ? cell : cell + ":" + at.line();
            System.err.println(where + ": " + category + ": " + message);
        });
        // anomaly mode's forward trace: the cell frames, at their cell lines
        io.gradbook.autograd.AnomalyMode.setTraceFormatter(this::cellTrace);
        // counted busy until JShell has started (and the idle times after): start-up keeps both cores
        this.activity = activity;
        activity.busy();
        evaluatorReady.whenComplete((e, t) -> activity.idle());
        warmUp = IdleWarmUp.enabled() ? new IdleWarmUp(this::cellWaiting, activity, () -> evaluatorReady.getNow(null)) : null;
        if (warmUp != null) warmUp.start();
    }

    /** A forward call's stack as Python shows a traceback's lines (cell frames only, innermost last, in cell lines). */
    private String cellTrace(StackTraceElement[] stack) {
        JShellEvaluator e = evaluatorReady.getNow(null);
        StringBuilder sb = new StringBuilder();
        for (int k = stack.length - 1; k >= 0; k--) {
            StackTraceElement f = stack[k];
            if (!f.getClassName().startsWith("REPL.") || f.getClassName().contains("$Lambda")) continue; // a lambda's generated class
            io.gradbook.kernel.eval.CellError.Location at = e == null ? null : e.locate(f);
            String cell = at == null || at.cell() == null || at.cell().equals(currentCell) ? "<cell>" : at.cell();
            if (sb.length() > 0) sb.append('\n');
            sb.append("  File \"").append(cell).append('"');
            if (at != null && at.line() > 0) sb.append(", line ").append(at.line());
            String m = f.getMethodName();
            sb.append(", in ").append(m.equals("do_it$") ? "<module>" : m);
        }
        return sb.toString();
    }

    /**
     * {@code System.exit(n)} in a cell, answered as ipykernel answers {@code exit()}: the cell's reply says ok with an
     * {@code ask_exit} payload (the front end may close the notebook or restart), then the kernel exits with that
     * status. Runs as a shutdown hook: cell code runs in this JVM, so its exit is the kernel's; the hook tells a
     * cell's exit (a thread inside Runtime.exit) from a signal or a shutdown request.
     */
    void answerExitFromCell() {
        Message m = current;
        if (m == null || !exitCalled()) return;
        streams.flush();
        ObjectNode c = ok();
        c.set("user_expressions", KernelServer.object());
        ObjectNode ask = c.putArray("payload").addObject();
        ask.put("source", "ask_exit");
        ask.put("keepkernel", false);
        c.put("execution_count", executionCount);
        reply(Channel.SHELL, m, c);
        status("idle", m);
        server.flushAndClose(3000);
    }

    private static boolean exitCalled() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement f : stack) {
                if (f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("exit")) return true;
            }
        }
        return false;
    }

    private JShellEvaluator evaluator() {
        return evaluatorReady.join();
    }

    private Completion completion() {
        if (completion == null) completion = new Completion(evaluator());
        return completion;
    }

    // ---- publishing ------------------------------------------------------------------------------------------

    private void publish(String type, ObjectNode content, Message parent) {
        server.send(Channel.IOPUB, Message.reply(parent, type, content));
    }

    private void status(String state, Message parent) {
        ObjectNode c = KernelServer.object();
        c.put("execution_state", state);
        publish("status", c, parent);
    }

    private void threadDied(Thread t, Throwable e) {
        StringBuilder b = new StringBuilder("Exception in thread \"" + t.getName() + "\" " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "\n");
        JShellEvaluator ev = evaluatorReady.getNow(null);
        for (StackTraceElement f : e.getStackTrace()) {
            io.gradbook.kernel.eval.CellError.Location at = ev == null ? null : ev.locate(f);
            if (at != null) b.append("    at ").append(at.cell() == null ? "cell" : at.cell()).append(at.line() > 0 ? " line " + at.line() : "")
                    .append(at.method() == null ? "" : " in " + at.method() + "()").append('\n');
        }
        System.err.print(b);
        System.err.flush();
    }

    private void stream(Object cell, String name, String text) {
        if (cell instanceof Message && cell != current) {
            // a thread's output after (or outside) the cell that started it: under that cell, as ipykernel does
            ObjectNode c = KernelServer.object();
            c.put("name", name);
            c.put("text", text);
            publish("stream", c, (Message) cell);
            return;
        }
        stream(name, text);
    }

    private void stream(String name, String text) {
        Message parent = current;
        if (parent == null) {
            Log.debug(name + " outside a cell: " + text);
            return;
        }
        ObjectNode c = KernelServer.object();
        c.put("name", name);
        c.put("text", text);
        publish("stream", c, parent);
    }

    private void displayData(Object value) {
        Message parent = current;
        if (parent == null) return;
        streams.flush();
        if (value == Notebook.CLEAR) {
            ObjectNode clear = KernelServer.object();
            clear.put("wait", false);
            publish("clear_output", clear, parent);
            return;
        }
        if (value instanceof Notebook.ExpectedError) {
            // expectError(...): the error output a failing cell shows, while the cell itself succeeds
            Throwable t = ((Notebook.ExpectedError) value).error();
            String ename = t instanceof io.gradbook.autograd.TorchException ? ((io.gradbook.autograd.TorchException) t).pythonType() : t.getClass().getName();
            String evalue = t.getMessage() == null ? "" : t.getMessage();
            // the frame to mark: the cell's one expectError line, when there is exactly one
            String[] lines = currentCode.split("\n", -1);
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) if (lines[i].contains("expectError(")) frames.add("    at cell line " + (i + 1));
            publish("error", error(ename, evalue, ErrorDisplay.traceback(ename, evalue, frames.size() == 1 ? frames : List.of(), currentCode, currentCount)), parent);
            return;
        }
        ObjectNode c = KernelServer.object();
        if (value instanceof Notebook.LiveMessage live) {
            // a live output: shown once with its display_id, then updated in place
            ObjectNode data = KernelServer.object();
            live.source().bundle().forEach(data::put);
            c.set("data", data);
            c.set("metadata", KernelServer.object());
            c.putObject("transient").put("display_id", live.displayId());
            publish(live.update() ? "update_display_data" : "display_data", c, parent);
            return;
        }
        c.set("data", bundle(value));
        c.set("metadata", KernelServer.object());
        c.set("transient", KernelServer.object());
        publish("display_data", c, parent);
    }

    private static ObjectNode bundle(Object value) {
        ObjectNode data = KernelServer.object();
        for (Map.Entry<String, String> e : Renderers.bundle(value).entrySet()) data.put(e.getKey(), e.getValue());
        return data;
    }

    private void reply(Channel channel, Message request, ObjectNode content) {
        server.send(channel, Message.reply(request, request.type().replace("_request", "_reply"), content));
    }

    // ---- stdin -----------------------------------------------------------------------------------------------

    private String readLine(String prompt) {
        Message parent = current;
        if (parent == null || !parent.content.path("allow_stdin").asBoolean(false)) {
            System.err.println("stdin is not available: this front end does not accept input requests");
            return null;
        }
        streams.flush();
        server.stdinReplies.clear();
        ObjectNode c = KernelServer.object();
        c.put("prompt", prompt);
        c.put("password", false);
        server.send(Channel.STDIN, Message.reply(parent, "input_request", c));
        try {
            while (true) {
                Message r = server.stdinReplies.poll(500, TimeUnit.MILLISECONDS);
                if (r != null) return r.content.path("value").asText("");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void interruptIfRunning() {
        JShellEvaluator e = evaluatorReady.getNow(null);
        if (e == null && cellWaiting()) {
            // JShell is still starting (a loaded machine, a first cell sent at once): the waiting cell is the one
            // the user means; it takes the interrupt when it gets the evaluator
            interruptBeforeEvaluator = true;
            return;
        }
        // A cell received but whose code has not started (busy machine) is the one the user means. "Queued or
        // starting" read from flags had gaps: the executor had taken the request from the queue but not yet marked
        // it starting, or had handed it to the evaluator, which had not yet marked itself evaluating; an interrupt
        // then was lost, and the cell ran to its end (test_requests saw 50 backward passes run). So: every execute
        // request read until now is marked for interrupting, written before the evaluator is asked whether code
        // runs, while a cell marks itself evaluating before it reads the mark (JShellEvaluator.eval): of two threads
        // each writing its volatile and then reading the other's, one sees the other. If code runs, it alone is meant.
        long before = interruptThrough;
        interruptThrough = server.executesReceived();
        if ((e != null && e.interrupt()) || rendering.interrupt()) interruptThrough = before; // rendering: the cell's code has ended
    }

    /** Execute requests the executor has taken, aborted ones included (the same order the I/O thread counts them in). */
    private long executesTaken;
    /** The number of the execute request being handled (1 for the first), the I/O thread's count of it. */
    private volatile long cellNumber;
    /** Interrupts apply to execute requests up to this number whose code has not started (0: none). */
    private volatile long interruptThrough;

    /** Whether an interrupt came for the cell now handled before its code started (read when it starts). */
    private boolean interruptCameForThisCell() {
        long n = cellNumber;
        return n > 0 && interruptThrough >= n;
    }

    /** From an execute request's arrival at the executor until its code is handed to the evaluator. */
    private volatile boolean cellStarting;
    /** An interrupt that came while a cell waited for JShell to start. */
    private volatile boolean interruptBeforeEvaluator;

    /** Whether an execute request is queued or waiting for the evaluator (start-up's warm-up gives way to it). */
    boolean cellWaiting() {
        return cellStarting || server.hasQueuedExecute();
    }

    // ---- control ---------------------------------------------------------------------------------------------

    @Override
    public void handleControl(Message m) {
        if (Log.debugEnabled()) Log.debug("control: " + m.type());
        status("busy", m);
        try {
            switch (m.type()) {
                case "interrupt_request":
                    interruptIfRunning();
                    reply(Channel.CONTROL, m, ok());
                    break;
                case "shutdown_request": {
                    ObjectNode c = ok();
                    c.put("restart", m.content.path("restart").asBoolean(false));
                    reply(Channel.CONTROL, m, c);
                    status("idle", m);
                    interruptIfRunning();
                    server.shutdown();
                    return;
                }
                case "kernel_info_request":
                    reply(Channel.CONTROL, m, kernelInfo());
                    break;
                default:
                    Log.warn("unsupported control request " + m.type() + " (ignored)");
            }
        } catch (RuntimeException e) {
            Log.warn("control request " + m.type() + " failed: " + e);
        }
        status("idle", m);
    }

    /** Called on the I/O thread, so it only sends: the error reply with its busy/idle around it. */
    @Override
    public void handleUnreadable(Channel channel, Message m, String reason) {
        if (!m.type().endsWith("_request")) return; // comm messages and replies expect no answer
        status("busy", m);
        String evalue = "the kernel could not read this request: " + reason;
        ObjectNode c = error("ValueError", evalue, List.of("ValueError: " + evalue));
        if (m.type().equals("execute_request")) c.put("execution_count", executionCount);
        reply(channel, m, c);
        status("idle", m);
    }

    // ---- shell -----------------------------------------------------------------------------------------------

    /** The shell requests that use JShell (cells, magics, completion): the others need not wait for a warm-up snippet. */
    private static final java.util.Set<String> USES_JSHELL =
            java.util.Set.of("execute_request", "complete_request", "inspect_request", "is_complete_request");

    @Override
    public void handleShell(Message m) {
        if ("execute_request".equals(m.type())) cellNumber = ++executesTaken; // first: the count must never drift
        if (Log.debugEnabled()) Log.debug("shell: " + m.type());
        activity.busy();
        status("busy", m);
        try {
            // counted as work first: a warm-up snippet still in JShell ends before a request that uses JShell touches it
            JShellEvaluator ready = USES_JSHELL.contains(m.type()) ? evaluatorReady.getNow(null) : null;
            if (ready != null) ready.awaitWarmUpSnippet();
            switch (m.type()) {
                case "execute_request": execute(m); break;
                case "kernel_info_request": reply(Channel.SHELL, m, kernelInfo()); break;
                case "complete_request": reply(Channel.SHELL, m, completion().complete(m.content)); break;
                case "inspect_request": reply(Channel.SHELL, m, completion().inspect(m.content)); break;
                case "is_complete_request": reply(Channel.SHELL, m, completion().isComplete(m.content)); break;
                case "history_request": reply(Channel.SHELL, m, history.query(m.content)); break;
                case "comm_info_request": {
                    ObjectNode c = ok();
                    c.set("comms", KernelServer.object());
                    reply(Channel.SHELL, m, c);
                    break;
                }
                case "shutdown_request": {
                    ObjectNode c = ok();
                    c.put("restart", m.content.path("restart").asBoolean(false));
                    reply(Channel.SHELL, m, c);
                    break;
                }
                case "comm_open": case "comm_msg": case "comm_close":
                    break; // no comm targets: nothing to answer
                default:
                    Log.warn("unknown shell request " + m.type() + " (ignored)");
            }
        } finally {
            status("idle", m);
            activity.idle();
        }
    }

    private void execute(Message m) {
        JsonNode content = m.content;
        String code = content.path("code").isTextual() ? content.path("code").asText() : null;
        boolean silent = content.path("silent").asBoolean(false);
        boolean storeHistory = content.path("store_history").asBoolean(!silent) && !silent;
        boolean stopOnError = content.path("stop_on_error").asBoolean(true);
        if (code == null) {
            ObjectNode c = error("TypeError", "execute_request content needs a string 'code'", List.of("TypeError: execute_request content needs a string 'code'"));
            c.put("execution_count", executionCount);
            reply(Channel.SHELL, m, c);
            return;
        }
        cellStarting = true;
        if (storeHistory) executionCount++;
        int count = executionCount;
        if (!silent) {
            ObjectNode in = KernelServer.object();
            in.put("code", code);
            in.put("execution_count", count);
            publish("execute_input", in, m);
        }
        current = m;
        currentCode = code;
        currentCount = count;
        CellStreams.owner.set(m); // inherited by the threads this cell starts
        String helpFor = HelpRequest.target(code);
        if (helpFor != null) {
            cellStarting = false;
            help(m, helpFor, count, storeHistory, code);
            current = null;
            return;
        }
        long started = System.nanoTime();
        boolean aborting = false;
        ObjectNode replyContent;
        String outputText = null;
        try {
            long evalStart = System.nanoTime();
            long evalCpu = Log.debugEnabled() ? Log.threadCpuNanos() : 0;
            currentCell = "In[" + count + "]";
            JShellEvaluator evaluator = evaluator();
            evaluator.interruptPendingFrom(this::interruptCameForThisCell);
            if (interruptBeforeEvaluator) {
                interruptBeforeEvaluator = false;
                evaluator.interruptQueued();
            }
            cellStarting = false;
            JShellEvaluator.Result r = magics.eval(code, currentCell);
            if (Log.debugEnabled()) Log.debug(String.format("eval: %.1f ms (this thread's CPU %.1f ms)", (System.nanoTime() - evalStart) / 1e6, (Log.threadCpuNanos() - evalCpu) / 1e6));
            streams.flush();
            if (r != null && r.hasValue && r.value != null && !silent) { // null: the cell held only magics
                ObjectNode res = KernelServer.object();
                res.put("execution_count", count);
                ObjectNode data = KernelServer.object();
                // only while the bundle is made: an interrupt after it goes to a queued cell, as before
                rendering.open();
                try {
                    rendering.bundle(r.value).forEach(data::put);
                } finally {
                    rendering.close();
                }
                outputText = data.path("text/plain").asText();
                res.set("data", data);
                res.set("metadata", KernelServer.object());
                publish("execute_result", res, m);
            }
            replyContent = ok();
            replyContent.set("user_expressions", userExpressions(content.path("user_expressions")));
            replyContent.set("payload", KernelServer.object().arrayNode());
        } catch (CellError e) {
            streams.flush();
            List<String> shown = ErrorDisplay.traceback(e.ename, e.evalue, e.traceback, code, count);
            replyContent = error(e.ename, e.evalue, shown);
            if (!silent) publish("error", error(e.ename, e.evalue, shown), m);
            aborting = stopOnError;
        } catch (Throwable t) {
            // StackOverflowError, OutOfMemoryError or a JShell failure outside the snippet: the kernel lives on
            streams.flush();
            String name = t.getClass().getName();
            replyContent = error(name, String.valueOf(t.getMessage()), List.of(name + ": " + t.getMessage()));
            if (!silent) publish("error", error(name, String.valueOf(t.getMessage()), List.of(name + ": " + t.getMessage())), m);
        } finally {
            try {
                Notebook.flushLive(); // the final state of live outputs the cell changed, before its reply
            } catch (RuntimeException e) {
                Log.warn("live output flush failed: " + e);
            }
            current = null;
        }
        if (storeHistory) history.add(count, code, outputText);
        replyContent.put("execution_count", count);
        reply(Channel.SHELL, m, replyContent);
        if (Log.debugEnabled()) Log.debug(String.format("execute #%d: %.1f ms in the kernel", count, (System.nanoTime() - started) / 1e6));
        // the error's own reply goes first, then the requests queued behind it are answered 'aborted'
        if (aborting) abortQueued();
    }

    /**
     * IPython's {@code name?}: the documentation of name in the front end's pager (a "page" payload), or, as
     * IPython says it, that nothing is known by that name.
     */
    private void help(Message m, String name, int count, boolean storeHistory, String code) {
        String text = completion().documentation(name, name.length());
        ObjectNode reply = ok();
        ArrayNode payload = reply.putArray("payload");
        if (text.isEmpty()) {
            stream("stdout", "Object `" + name + "` not found.\n");
        } else {
            ObjectNode page = payload.addObject();
            page.put("source", "page");
            page.putObject("data").put("text/plain", text);
            page.put("start", 0);
        }
        reply.set("user_expressions", KernelServer.object());
        reply.put("execution_count", count);
        if (storeHistory) history.add(count, code, null);
        reply(Channel.SHELL, m, reply);
    }

    private ObjectNode userExpressions(JsonNode expressions) {
        ObjectNode out = KernelServer.object();
        if (!expressions.isObject()) return out;
        expressions.fields().forEachRemaining(e -> {
            ObjectNode r;
            try {
                JShellEvaluator.Result v = evaluator().eval(e.getValue().asText());
                r = ok();
                r.set("data", bundle(v.value));
                r.set("metadata", KernelServer.object());
            } catch (CellError err) {
                r = error(err.ename, err.evalue, err.traceback);
            }
            out.set(e.getKey(), r);
        });
        return out;
    }

    /** After an error with stop_on_error, queued execute requests are answered 'aborted', as ipykernel does. */
    private void abortQueued() {
        List<Message> keep = new ArrayList<>();
        for (Message q : server.drainQueuedShell()) {
            if (!"execute_request".equals(q.type())) {
                keep.add(q);
                continue;
            }
            executesTaken++;
            status("busy", q);
            ObjectNode c = KernelServer.object();
            // no execution_count, as ipykernel: the cell never ran, so front ends keep its prompt empty
            c.put("status", "aborted");
            reply(Channel.SHELL, q, c);
            status("idle", q);
        }
        server.requeueShell(keep);
    }

    private static ObjectNode ok() {
        ObjectNode c = KernelServer.object();
        c.put("status", "ok");
        return c;
    }

    private static ObjectNode error(String ename, String evalue, List<String> traceback) {
        ObjectNode c = KernelServer.object();
        c.put("status", "error");
        c.put("ename", ename);
        c.put("evalue", evalue);
        ArrayNode tb = c.putArray("traceback");
        traceback.forEach(tb::add);
        return c;
    }

    private static ObjectNode kernelInfo() {
        ObjectNode c = ok();
        c.put("protocol_version", Message.PROTOCOL_VERSION);
        c.put("implementation", "gradbook");
        c.put("implementation_version", VERSION);
        ObjectNode lang = c.putObject("language_info");
        lang.put("name", "java");
        lang.put("version", System.getProperty("java.version"));
        lang.put("mimetype", "text/x-java-source");
        lang.put("file_extension", ".jshell");
        lang.put("pygments_lexer", "java");
        lang.put("codemirror_mode", "text/x-java");
        c.put("banner", "Gradbook " + VERSION + ": Java " + System.getProperty("java.version") + " with a PyTorch-style autograd engine (io.gradbook.autograd)");
        ArrayNode links = c.putArray("help_links");
        ObjectNode l2 = links.addObject();
        l2.put("text", "PyTorch autograd mechanics");
        l2.put("url", "https://pytorch.org/docs/1.13/notes/autograd.html");
        c.put("debugger", false);
        return c;
    }
}
