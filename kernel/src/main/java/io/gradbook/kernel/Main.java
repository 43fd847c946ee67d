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
        if (args.length != 1) {
            System.err.println("usage: java -cp '<gradbook>/lib/*' io.gradbook.kernel.Main <connection-file>");
            System.exit(2);
        }
        ConnectionFile conn = ConnectionFile.read(Path.of(args[0]));
        installSigintHandler();
        KernelServer server = new KernelServer(conn);
        server.bind();
        JShellEvaluator evaluator = new JShellEvaluator(System.getProperty("java.class.path"), STARTUP);
        Kernel kernel = new Kernel(server, evaluator);
        interruptTarget = evaluator;
        server.serve(kernel);
        evaluator.close();
        System.exit(0);
    }

    private static volatile JShellEvaluator interruptTarget;

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
