// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import io.gradbook.kernel.eval.JShellEvaluator;
import io.gradbook.kernel.protocol.ConnectionFile;
import java.nio.file.Path;
import java.util.List;

/** {@code java -cp <kernel>/lib/* io.gradbook.kernel.Main <connection-file>}: what the kernelspec runs. */
public final class Main {
    /** What every cell can use without importing. */
    static final List<String> STARTUP = List.of(
            "import static io.gradbook.autograd.Torch.*;",
            "import io.gradbook.autograd.*;",
            "import static io.gradbook.kernel.runtime.Notebook.*;",
            "import java.util.*;");

    private Main() {}

    public static void main(String[] args) throws Exception {
        Log.debug("starting"); // Log keeps the original stderr before cells' streams replace it
        if (args.length == 1 && args[0].equals("--warmup")) {
            warmUp(new JShellEvaluator(System.getProperty("java.class.path"), STARTUP));
            System.exit(0);
        }
        if (args.length != 1) {
            System.err.println("usage: java -cp '<gradbook>/lib/*' io.gradbook.kernel.Main <connection-file>");
            System.exit(2);
        }
        ConnectionFile conn = ConnectionFile.read(Path.of(args[0]));
        installSigintHandler();
        KernelServer server = new KernelServer(conn);
        server.bind();
        // JShell (about half a second) starts while the front end connects and asks for kernel_info
        java.util.concurrent.CompletableFuture<JShellEvaluator> ready = new java.util.concurrent.CompletableFuture<>();
        Thread start = new Thread(() -> {
            try {
                JShellEvaluator e = new JShellEvaluator(System.getProperty("java.class.path"), STARTUP);
                interruptTarget = e;
                ready.complete(e);
                // compile a first snippet now, so the first real cell runs warm (kept short: that cell waits for it)
                e.warmUp(List.of("ones(1).mul(2)"));
            } catch (Throwable t) {
                Log.warn("JShell failed to start: " + t);
                ready.completeExceptionally(t);
            }
        }, "gradbook-jshell-start");
        start.setDaemon(true);
        start.start();
        Kernel kernel = new Kernel(server, ready);
        server.serve(kernel);
        if (ready.isDone() && !ready.isCompletedExceptionally()) ready.join().close();
        System.exit(0);
    }

    private static volatile JShellEvaluator interruptTarget;

    /** Runs the kinds of snippets a session starts with, to record the start-up archive. */
    static void warmUp(JShellEvaluator evaluator) {
        try {
            evaluator.warmUp(List.of("1 + 1", "var warmX = ones(2).requiresGrad_();", "warmX.mul(2).sum()", "String.valueOf(warmX)"));
        } catch (Throwable t) {
            Log.debug("warm-up: " + t);
        }
    }

    /** A front end without message-mode interrupts sends SIGINT: interrupt the cell instead of dying. */
    @SuppressWarnings("restriction")
    private static void installSigintHandler() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                JShellEvaluator e = interruptTarget;
                if (e != null) e.interrupt();
            });
        } catch (Throwable t) {
            Log.warn("cannot handle SIGINT: " + t);
        }
    }
}
