// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradbook.kernel.protocol.Message;
import io.gradbook.kernel.protocol.WireCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The run that install.sh records the JVM's start-up archive from (AOT cache on JDK 25+, CDS before): a real
 * kernel on loopback, driven by a client over the real sockets through a short notebook session. The archive then
 * holds what a session loads (sockets, JSON, HMAC, JShell, javac, the engine, the renderers) and, on JDK 25+, how
 * those methods ran, so a user's kernel starts and compiles its first cells with that work already done.
 */
final class TrainingSession {
    /** Cells like the course notebooks': declarations, tensor results, backward, graphs, output, both error kinds. */
    private static final List<String> CELLS = List.of(
            "1 + 1",
            "manualSeed(0);",
            "var a = ones(2, 1).requiresGrad_();\nvar b = ones(2, 1).requiresGrad_();\nvar c = a.mul(2).add(b);\nc.gradFn()",
            "draw(c)",
            "var x = arange(4.0).requiresGrad_();\nvar y = dot(x, x).mul(2);\ny",
            "y.backward();\nx.grad()",
            "x.grad().zero_();\ny = x.mul(x);\ny.sum().backward();\nx.grad()",
            "var w = randn(3, 2).requiresGrad_();\nvar loss = mseLoss(x.view(2, 2).detach().matmul(w.t()), zeros(2, 3));\nloss",
            "loss.backward();\nw.grad()",
            "System.out.println(\"step \" + 1);\nprint(w.grad().norm());",
            "display(x, x.isLeaf(), x.gradFn());",
            "y.backward()",
            "int n = \"not a number\";",
            "Tensor twice(Tensor t) {\n    return t.mul(2);\n}\ntwice(ones(3))",
            "try (var g = noGrad()) {\n    x.mul(2).requiresGrad();\n}",
            "1 + 1",
            "x",
            "x.gradFn()",
            "2 * 3",
            "1 + 1");
    private static final int REPEATS = 3;
    /**
     * The course's first training loop (bench/kernel_vs_torch.py's MLP row: 784-256-10, batch 128, SGD), run once
     * after the cells above for {@code -Dgradbook.training.mlpSteps=N} steps, after the quick benchmark's tiny rows
     * (2 x 2 adds, a 100-point linear regression) so that a recording that compiles the engine holds their profiles
     * beside the MLP's (with the MLP's alone, those rows' shared methods were compiled for the MLP's shapes). Not by
     * default (0): install.sh's recording excludes the engine from compiling, and the classes this adds bought the
     * MLP nothing measurable there; GRADBOOK_AOT_ENGINE_PROFILES=1 ./install.sh and bench/aot_record.py use it.
     */
    private static final String MLP_CELL = """
            var ta = rand(2, 2); var tb = rand(2, 2);
            for (int i = 0; i < 40_000; i++) ta.add(tb);
            manualSeed(0);
            var lx = randn(100); var ly = lx.mul(3).add(2).add(randn(100).mul(0.1));
            var lw = zeros(1).requiresGrad_(); var lb = zeros(1).requiresGrad_();
            for (int step = 0; step < 8000; step++) {
                Tensor l = lx.mul(lw).add(lb).sub(ly).pow(2).mean();
                l.backward();
                lw.data().sub_(lw.grad().mul(0.01)); lb.data().sub_(lb.grad().mul(0.01));
                lw.grad().zero_(); lb.grad().zero_();
            }
            manualSeed(0);
            var xs = randn(128, 784); var labels = tensor(java.util.stream.LongStream.range(0, 128).map(i -> i % 10).toArray());
            var w1 = randn(784, 256).mul(0.03).requiresGrad_(); var b1 = zeros(256).requiresGrad_();
            var w2 = randn(256, 10).mul(0.06).requiresGrad_(); var b2 = zeros(10).requiresGrad_();
            Tensor[] params = {w1, b1, w2, b2};
            for (int step = 0; step < Integer.getInteger("gradbook.training.mlpSteps"); step++) {
                Tensor loss = crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels);
                loss.backward();
                for (Tensor p : params) { p.data().sub_(p.grad().mul(0.01)); p.grad().zero_(); }
            }""";

    private TrainingSession() {}

    static void run() throws Exception {
        // the archive holds what a session's start loads; the JIT warm-up comes later, when the kernel is idle
        System.setProperty("gradbook.warmup", "false");
        Path dir = Files.createTempDirectory("gradbook-training");
        Path conn = dir.resolve("connection.json");
        String key = UUID.randomUUID().toString();
        int[] ports = freePorts(5);
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("transport", "tcp").put("ip", "127.0.0.1").put("key", key).put("signature_scheme", "hmac-sha256");
        c.put("shell_port", ports[0]).put("control_port", ports[1]).put("iopub_port", ports[2]).put("stdin_port", ports[3]).put("hb_port", ports[4]);
        Files.writeString(conn, c.toString());
        Thread kernel = new Thread(() -> {
            try {
                Main.serve(conn);
            } catch (Exception e) {
                Log.warn("training kernel: " + e);
            }
        }, "gradbook-training-kernel");
        kernel.start();
        try (ZContext ctx = new ZContext()) {
            Client client = new Client(ctx, key, ports);
            client.request(client.shell, "kernel_info_request", JsonNodeFactory.instance.objectNode());
            for (int r = 0; r < REPEATS; r++) {
                for (String cell : CELLS) {
                    ObjectNode ex = JsonNodeFactory.instance.objectNode();
                    ex.put("code", cell).put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", false);
                    ex.putObject("user_expressions");
                    client.request(client.shell, "execute_request", ex);
                }
            }
            if (Integer.getInteger("gradbook.training.mlpSteps", 0) > 0) {
                ObjectNode mlp = JsonNodeFactory.instance.objectNode();
                mlp.put("code", MLP_CELL).put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", false);
                mlp.putObject("user_expressions");
                client.request(client.shell, "execute_request", mlp);
            }
            ObjectNode complete = JsonNodeFactory.instance.objectNode();
            complete.put("code", "x.requ").put("cursor_pos", 6);
            client.request(client.shell, "complete_request", complete);
            ObjectNode inspect = JsonNodeFactory.instance.objectNode();
            inspect.put("code", "x.backward").put("cursor_pos", 10).put("detail_level", 0);
            client.request(client.shell, "inspect_request", inspect);
            ObjectNode isComplete = JsonNodeFactory.instance.objectNode();
            isComplete.put("code", "for (int i = 0; i < 3; i++) {");
            client.request(client.shell, "is_complete_request", isComplete);
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            history.put("hist_access_type", "tail").put("n", 5).put("output", false).put("raw", true);
            client.request(client.shell, "history_request", history);
            client.request(client.control, "shutdown_request", JsonNodeFactory.instance.objectNode().put("restart", false));
        }
        kernel.join(30_000);
        Files.deleteIfExists(conn);
        Files.deleteIfExists(dir);
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) s.close();
        }
    }

    /** A minimal front end: requests on shell or control, replies awaited, iopub read and discarded. */
    private static final class Client {
        final ZMQ.Socket shell, control, iopub;
        private final WireCodec codec;
        private final String session = UUID.randomUUID().toString();

        Client(ZContext ctx, String key, int[] ports) {
            codec = new WireCodec(key);
            shell = connect(ctx, SocketType.DEALER, ports[0]);
            control = connect(ctx, SocketType.DEALER, ports[1]);
            iopub = connect(ctx, SocketType.SUB, ports[2]);
            iopub.subscribe(new byte[0]);
        }

        private static ZMQ.Socket connect(ZContext ctx, SocketType type, int port) {
            ZMQ.Socket s = ctx.createSocket(type);
            s.setLinger(0);
            s.setReceiveTimeOut(60_000);
            s.connect("tcp://127.0.0.1:" + port);
            return s;
        }

        /** Sends a request and waits for its reply; a kernel that does not answer within a minute fails the run. */
        void request(ZMQ.Socket socket, String type, ObjectNode content) throws IOException {
            Message m = Message.request(type, content, session);
            List<byte[]> frames = codec.encode(m);
            for (int i = 0; i < frames.size(); i++) socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            String id = m.header.path("msg_id").asText();
            while (true) {
                List<byte[]> reply = new ArrayList<>();
                do {
                    byte[] f = socket.recv(0);
                    if (f == null) throw new IOException("no " + type.replace("_request", "_reply") + " within a minute");
                    reply.add(f);
                } while (socket.hasReceiveMore());
                drainIopub();
                try {
                    if (id.equals(codec.decode(reply).parentHeader.path("msg_id").asText())) return;
                } catch (WireCodec.BadMessage e) {
                    throw new IOException("bad reply to " + type + ": " + e.getMessage());
                }
            }
        }

        private void drainIopub() {
            while (iopub.recv(ZMQ.DONTWAIT) != null) {
                // published output is not checked here: the kernel's tests do that
            }
        }
    }
}
