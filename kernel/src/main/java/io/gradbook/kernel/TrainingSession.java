// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
     * A student's next step after the course, run once after the course's notebooks when the recording compiles the
     * engine ({@code -Dgradbook.training.steps=N}): a classifier trained on MNIST-sized inputs, once with plain tensor
     * ops (matmul, add, relu, cross_entropy, in-place SGD) and once with nn and optim (Linear, Sequential, SGD),
     * so that the cache holds the engine's profiles of those paths. Runs only when the property is above 0 (its
     * default): install.sh's recording sets 300; with GRADBOOK_AOT_ENGINE_PROFILES=0 it records without the engine
     * and leaves this out. Its shapes are not the benchmark's MLP row's (784-256-10, batch 128) on purpose.
     */
    private static final String CLASSIFIER_CELL = """
            manualSeed(1);
            var cx = randn(64, 784); var cy = tensor(java.util.stream.LongStream.range(0, 64).map(i -> (i * 7) % 10).toArray());
            var cw1 = randn(784, 128).mul(0.03).requiresGrad_(); var cb1 = zeros(128).requiresGrad_();
            var cw2 = randn(128, 10).mul(0.08).requiresGrad_(); var cb2 = zeros(10).requiresGrad_();
            Tensor[] cps = {cw1, cb1, cw2, cb2};
            int steps = Integer.getInteger("gradbook.training.steps");
            for (int step = 0; step < steps; step++) {
                Tensor closs = crossEntropy(cx.matmul(cw1).add(cb1).relu().matmul(cw2).add(cb2), cy);
                closs.backward();
                for (Tensor p : cps) { p.data().sub_(p.grad().mul(0.05)); p.grad().zero_(); }
            }
            var net = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
            var sgd = new SGD(net.parameters(), 0.05);
            var ce = new CrossEntropyLoss();
            for (int step = 0; step < steps; step++) {
                sgd.zeroGrad();
                ce.forward(net.forward(cx), cy).backward();
                sgd.step();
            }""";

    /**
     * The code cells of the course's notebooks ({@code -Dgradbook.training.notebooks=DIR}: DIR's *.ipynb in name
     * order), what a student runs first: with the engine compiled during the recording, the cache then holds the
     * profiles of the ops the course uses (install.sh passes the source tree's notebooks/).
     */
    static List<String> notebookCells(Path dir) throws IOException {
        List<String> cells = new ArrayList<>();
        List<Path> notebooks;
        try (var files = Files.list(dir)) {
            notebooks = files.filter(f -> f.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
        ObjectMapper json = new ObjectMapper();
        for (Path nb : notebooks) {
            for (JsonNode cell : json.readTree(nb.toFile()).path("cells")) {
                if (!"code".equals(cell.path("cell_type").asText())) continue;
                JsonNode source = cell.path("source");
                StringBuilder code = new StringBuilder();
                if (source.isArray()) source.forEach(line -> code.append(line.asText()));
                else code.append(source.asText());
                if (!code.toString().isBlank()) cells.add(code.toString());
            }
        }
        return cells;
    }

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
                for (String cell : CELLS) client.execute(cell);
            }
            String notebooks = System.getProperty("gradbook.training.notebooks");
            if (notebooks != null) {
                for (String cell : notebookCells(Path.of(notebooks))) client.execute(cell);
            }
            if (Integer.getInteger("gradbook.training.steps", 0) > 0) client.execute(CLASSIFIER_CELL);
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

        /** Runs a cell (its errors are the kernel's to report, not the recording's) and waits for its reply. */
        void execute(String code) throws IOException {
            ObjectNode ex = JsonNodeFactory.instance.objectNode();
            ex.put("code", code).put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", false);
            ex.putObject("user_expressions");
            request(shell, "execute_request", ex);
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
