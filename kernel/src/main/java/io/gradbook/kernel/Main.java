// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import io.gradbook.kernel.eval.CellClassPath;
import io.gradbook.kernel.eval.JShellEvaluator;
import io.gradbook.kernel.runtime.Notebook;
import io.gradbook.kernel.protocol.ConnectionFile;
import io.gradbook.kernel.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code java -cp <kernel>/lib/* io.gradbook.kernel.Main <connection-file>}: what the kernelspec runs. */
public final class Main {
    /** What every cell can use without importing. */
    public static final List<String> STARTUP = List.of(
            "import static io.gradbook.autograd.Torch.*;",
            "import io.gradbook.autograd.*;",
            "import static io.gradbook.kernel.runtime.Notebook.*;",
            "import java.util.*;",
            "import io.gradbook.autograd.nn.*;",
            "import io.gradbook.autograd.optim.*;",
            "import io.gradbook.autograd.data.*;",
            // a single-type import shadows java.lang.Module, so Module in a cell is nn.Module as in PyTorch
            "import io.gradbook.autograd.nn.Module;");

    private Main() {}

    public static void main(String[] args) throws Exception {
        Log.debug("starting"); // Log keeps the original stderr before cells' streams replace it
        if (args.length == 1 && args[0].equals("--warmup")) {
            TrainingSession.run();
            System.exit(0);
        }
        if (args.length == 1 && args[0].equals("--unpack-natives")) {
            // install.sh: ND4J's native libraries unpacked once into the installation's JavaCPP cache
            // (-Dorg.bytedeco.javacpp.cachedir), instead of ~400 MB under each user's ~/.javacpp/cache
            org.nd4j.linalg.factory.Nd4j.create(1);
            System.exit(0);
        }
        if (args.length == 1 && args[0].equals("--check-simd")) {
            // install.sh: whether the float32 kernels run through the Vector API with the options it means to use,
            // and give the scalar loops' bits there (exp and sin over a few lanes' worth of random numbers)
            boolean on = io.gradbook.autograd.math.Simd.available();
            if (on) {
                io.gradbook.autograd.Tensor x = io.gradbook.autograd.Torch.randn(4099);
                io.gradbook.autograd.Tensor vector = x.exp().add(x.sin());
                io.gradbook.autograd.math.Simd.setEnabled(false);
                on = io.gradbook.autograd.Torch.equal(vector, x.exp().add(x.sin()));
                // and that C2 really turns them into vector instructions: the API gives the same bits through its
                // Java fallbacks when the JVM's vector intrinsics are off, only 10-50x slower than the scalar loops
                // (the vectorized exp is ~6x faster than them)
                if (on) {
                    long scalar = bestExpNanos(false), simd = bestExpNanos(true);
                    System.out.println("exp of 2^16 floats, best ns: vector " + simd + ", scalar " + scalar);
                    on = simd < scalar;
                }
            }
            System.out.println("simd " + (on ? "available" : "not available"));
            System.exit(on ? 0 : 1);
        }
        if (args.length != 1) {
            System.err.println("usage: java -cp '<gradbook>/lib/*' io.gradbook.kernel.Main <connection-file>");
            System.exit(2);
        }
        installSigintHandler();
        serve(Path.of(args[0]));
        System.exit(0);
    }

    /** The best of 400 timed {@code exp()} calls on 2^16 floats, with the Vector API kernels on or off (--check-simd). */
    private static long bestExpNanos(boolean simd) {
        io.gradbook.autograd.math.Simd.setEnabled(simd);
        io.gradbook.autograd.Tensor x = io.gradbook.autograd.Torch.randn(1 << 16);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 400; i++) {
            long t = System.nanoTime();
            x.exp();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    /** Binds the connection file's sockets and answers requests until a shutdown request. */
    static void serve(Path connectionFile) throws Exception {
        // JShell's first compile initialises javac (about a third of a second): it runs on its own thread from the
        // start, beside the socket set-up and while the front end connects and asks for kernel_info
        CompletableFuture<Kernel> kernel = new CompletableFuture<>();
        // one record of the kernel's work, for what runs only while it is idle (JShell's index, the JIT warm-up)
        io.gradbook.kernel.eval.Activity activity = new io.gradbook.kernel.eval.Activity();
        CompletableFuture<JShellEvaluator> ready = startEvaluator(activity, () -> {
            Kernel k = kernel.getNow(null);
            return k != null && k.cellWaiting();
        });
        KernelServer server = new KernelServer(ConnectionFile.read(connectionFile));
        try {
            server.bind();
        } catch (IllegalStateException portInUse) {
            Log.warn(portInUse.getMessage()); // the front end's log says why, without a stack trace of ours
            System.exit(1);
        }
        Log.debug("sockets bound");
        // Jackson's first use initialises it for ~50 ms of CPU: on a thread of its own, so that the first request,
        // which comes ~0.1 s later (the client retries its refused connects every 100-200 ms), finds it ready; started
        // after the bind, not before it, where it took a core from the main thread (bound 0.06 s sooner, README). The
        // first signature needs no such warm-up: with the start-up archive the first Mac costs ~1 ms.
        Thread json = new Thread(() -> {
            Json.warmUp();
            Log.debug("Jackson warmed up");
        }, "gradbook-json-warm-up");
        json.setDaemon(true);
        json.start();
        Kernel k = new Kernel(server, ready, activity);
        kernel.complete(k);
        server.serve(k);
        if (ready.isDone() && !ready.isCompletedExceptionally()) ready.join().close();
    }

    /**
     * Builds JShell on a thread of its own, then compiles a first snippet so that the first real cell finds javac
     * warm, unless a cell is already waiting: that cell warms it up itself, and waiting behind the warm-up made the
     * first result ~0.1-0.2 s later whenever a front end sent its first cell at once (nbclient, the benchmark).
     */
    private static CompletableFuture<JShellEvaluator> startEvaluator(io.gradbook.kernel.eval.Activity activity, java.util.function.BooleanSupplier cellWaiting) {
        CompletableFuture<JShellEvaluator> ready = new CompletableFuture<>();
        Thread start = new Thread(() -> {
            try {
                JShellEvaluator e = new JShellEvaluator(CellClassPath.of(io.gradbook.autograd.Torch.class, Notebook.class), STARTUP, activity);
                interruptTarget = e;
                ready.complete(e);
                Log.debug("JShell ready");
                // kept short: a cell that arrives meanwhile waits for it. A trailing expression that names Torch: it
                // takes the path a first `1 + 1` cell takes (JShellEvaluator.warmUp)
                if (e.warmUp(List.of("ones(1).mul(2).sum().item() * 2"), cellWaiting)) Log.debug("first snippet compiled");
                else Log.debug("warm-up left to the waiting cell");
            } catch (Throwable t) {
                Log.warn("JShell failed to start: " + t);
                ready.completeExceptionally(t);
            }
        }, "gradbook-jshell-start");
        start.setDaemon(true);
        start.start();
        return ready;
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
