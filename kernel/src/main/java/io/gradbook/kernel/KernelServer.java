// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradbook.kernel.protocol.Channel;
import io.gradbook.kernel.protocol.ConnectionFile;
import io.gradbook.kernel.protocol.Message;
import io.gradbook.kernel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The sockets and the I/O loop. One thread owns the shell, control and stdin sockets and polls them together
 * with an in-process outbox through which every other thread sends (ZeroMQ sockets are not thread-safe);
 * shell requests go to the executor thread in arrival order, control requests (interrupt, shutdown) are
 * answered at once even while a cell runs. Every incoming message is handled in isolation: a bad one is logged
 * and dropped, and every channel keeps working.
 */
public final class KernelServer {
    /** Larger messages are refused by ZeroMQ itself (an oversized frame then cannot take down the I/O thread). */
    static final long MAX_MESSAGE_BYTES = 256L << 20;
    private static final String OUTBOX = "inproc://gradbook-outbox";

    private final ConnectionFile conn;
    private final WireCodec codec;
    private final ZContext ctx = new ZContext(1);
    private final BlockingQueue<Message> shellQueue = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> stdinReplies = new LinkedBlockingQueue<>();
    private final Object outboxLock = new Object();
    private ZMQ.Socket outboxPush;
    private ZMQ.Socket shell, control, iopub, stdin, heartbeat, outboxPull;
    private volatile boolean running = true;
    private RequestHandler handler;

    public KernelServer(ConnectionFile conn) {
        this.conn = conn;
        this.codec = new WireCodec(conn.key);
        Thread.UncaughtExceptionHandler died = (t, e) -> {
            // a dead ZeroMQ I/O thread leaves a kernel that looks alive and never answers: exit so the front end restarts it
            Log.warn("ZeroMQ thread " + t.getName() + " died (" + e + "); exiting so the front end can restart the kernel");
            Runtime.getRuntime().halt(3);
        };
        ctx.setUncaughtExceptionHandler(died);
        // what jeromq's poller survives (a channel closed under it while a peer's connection or one of our sockets is
        // torn down) it reports here; its default prints the stack trace to System.err, which is a cell's stream
        ctx.setNotificationExceptionHandler((t, e) -> Log.warn("ZeroMQ thread " + t.getName() + ": " + e));
        // and anything else its threads print goes to the log too: they are the kernel's, not the running cell's
        ctx.setThreadFactor((run, name) -> {
            Thread t = new Thread(() -> {
                CellStreams.ownedByKernel();
                run.run();
            }, name);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(died);
            return t;
        });
    }

    /**
     * jeromq checks a frame's declared size against the maximum only when it is positive: a declared size of
     * 2^64-1 reads as -1, passes, and allocating a negative array kills the I/O thread. This allocator turns
     * such a size into an empty frame, so the garbage that follows fails to decode and only that peer is dropped.
     */
    private static final zmq.msg.MsgAllocator SAFE_ALLOCATOR = new zmq.msg.MsgAllocator() {
        private final zmq.msg.MsgAllocator heap = new zmq.msg.MsgAllocatorHeap();

        @Override
        public zmq.Msg allocate(int size) {
            if (size < 0 || size > MAX_MESSAGE_BYTES) {
                Log.warn("refused a ZeroMQ frame declaring " + size + " bytes");
                return heap.allocate(0);
            }
            return heap.allocate(size);
        }
    };

    /**
     * How long a port of the connection file that another socket holds is tried again. The front end found the port
     * free (it bound it and let it go) before it started us; a holder that lets it go soon (a connection's own port
     * on a busy machine, a kernel of the same ports still exiting) costs only this wait. One that keeps it (another
     * Jupyter server on the machine that drew the same port, as twenty students' servers starting at once can) is
     * reported by name: the front end then restarts the kernel (with new ports where it is configured to draw them).
     */
    private static final long PORT_IN_USE_WAIT_MS = 2_000;

    private ZMQ.Socket bind(String channel, SocketType type, int port) {
        ZMQ.Socket s = ctx.createSocket(type);
        s.setMaxMsgSize(MAX_MESSAGE_BYTES);
        s.setMsgAllocator(SAFE_ALLOCATOR);
        s.setLinger(0);
        // IOPub's XPUB passes every client's subscription up, a second client's to the same topic too (welcome)
        if (type == SocketType.XPUB) s.setXpubVerbose(true);
        long deadline = System.nanoTime() + PORT_IN_USE_WAIT_MS * 1_000_000;
        while (true) {
            try {
                s.bind(conn.endpoint(port));
                return s;
            } catch (org.zeromq.ZMQException e) {
                if (e.getErrorCode() != ZMQ.Error.EADDRINUSE.getCode()) throw e;
                if (System.nanoTime() - deadline > 0) {
                    // the hint: jupyter_client 7.4's own kernel manager restarts a kernel on the ports it cached, this
                    // one again (README, "Teaching on JupyterHub"; hub/gradbook_fresh_ports.py)
                    throw new IllegalStateException("the " + channel + " port " + port + " of the connection file is in use by"
                            + " another process (still after " + PORT_IN_USE_WAIT_MS + " ms); the front end restarts the kernel"
                            + " (a server whose kernel manager caches ports restarts it on this port again: on a JupyterHub"
                            + " shared by many users give the servers gradbook_fresh_ports.FreshPortsKernelManager, README)", e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + channel + " port " + port, ie);
            }
        }
    }

    /** Binds every socket; after this the front end can connect. */
    public void bind() {
        shell = bind("shell", SocketType.ROUTER, conn.shellPort);
        control = bind("control", SocketType.ROUTER, conn.controlPort);
        iopub = bind("iopub", SocketType.XPUB, conn.iopubPort);
        stdin = bind("stdin", SocketType.ROUTER, conn.stdinPort);
        heartbeat = bind("heartbeat", SocketType.REP, conn.hbPort);
        outboxPull = ctx.createSocket(SocketType.PULL);
        outboxPull.bind(OUTBOX);
        outboxPush = ctx.createSocket(SocketType.PUSH);
        outboxPush.connect(OUTBOX);
    }

    /** Sends a message on a channel, from any thread. */
    public void send(Channel channel, Message msg) {
        List<byte[]> frames = codec.encode(msg);
        synchronized (outboxLock) {
            if (!running) return;
            outboxPush.sendMore(channel.name());
            for (int i = 0; i < frames.size(); i++) {
                if (i < frames.size() - 1) outboxPush.sendMore(frames.get(i));
                else outboxPush.send(frames.get(i));
            }
        }
    }

    public void serve(RequestHandler h) {
        this.handler = h;
        Thread hb = new Thread(this::heartbeatLoop, "gradbook-heartbeat");
        hb.setDaemon(true);
        hb.start();
        Thread watchdog = new Thread(this::watchdogLoop, "gradbook-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread exec = new Thread(this::executorLoop, "gradbook-executor");
        exec.setDaemon(true);
        exec.start();
        ioLoop();
    }

    private void heartbeatLoop() {
        CellStreams.ownedByKernel();
        try {
            while (running) {
                byte[] ping = heartbeat.recv(0);
                if (ping == null) continue;
                heartbeat.send(ping, 0);
            }
        } catch (Throwable e) {
            if (running) Log.warn("heartbeat stopped: " + e);
        }
    }

    /**
     * Pings our own heartbeat over TCP every few seconds. If ZeroMQ's I/O thread has died anyway, nothing answers:
     * exit, so the front end restarts the kernel instead of talking to one that never replies.
     */
    private void watchdogLoop() {
        CellStreams.ownedByKernel();
        int failures = 0;
        while (running) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                return;
            }
            ZMQ.Socket probe = null;
            try {
                probe = ctx.createSocket(SocketType.REQ);
                probe.setLinger(0);
                probe.setReceiveTimeOut(5000);
                probe.connect(conn.endpoint(conn.hbPort));
                probe.send("gradbook-watchdog");
                failures = probe.recv() == null ? failures + 1 : 0;
            } catch (RuntimeException e) {
                if (!running) return;
                failures++;
            } finally {
                if (probe != null) ctx.destroySocket(probe);
            }
            if (failures >= 3 && running) {
                Log.warn("the kernel's own heartbeat stopped answering: ZeroMQ's I/O thread is gone; exiting so the front end restarts the kernel");
                Runtime.getRuntime().halt(3);
            }
        }
    }

    private void executorLoop() {
        while (running) {
            Message m;
            try {
                m = shellQueue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue; // a stray interrupt meant for a cell that already finished
            }
            if (m == null) continue;
            try {
                handler.handleShell(m);
            } catch (Throwable t) {
                Log.warn("shell request " + m.type() + " failed: " + t);
            }
        }
    }

    private void ioLoop() {
        // the main thread from here on (it started every thread it will start): its prints, jeromq's among them when
        // the context closes, go to the log
        CellStreams.ownedByKernel();
        ZMQ.Poller poller = ctx.createPoller(5);
        int pShell = poller.register(shell, ZMQ.Poller.POLLIN);
        int pControl = poller.register(control, ZMQ.Poller.POLLIN);
        int pStdin = poller.register(stdin, ZMQ.Poller.POLLIN);
        int pOut = poller.register(outboxPull, ZMQ.Poller.POLLIN);
        int pIopub = poller.register(iopub, ZMQ.Poller.POLLIN);
        while (running) {
            try {
                if (poller.poll(-1) < 0) continue;
                if (poller.pollin(pIopub)) welcomeSubscribers();
                if (poller.pollin(pOut)) drainOutbox();
                // shell first: an interrupt that arrives with the execute request it is meant for must find it queued
                if (poller.pollin(pShell)) {
                    Message m = receive(shell, Channel.SHELL);
                    if (m != null && "execute_request".equals(m.type())) executesReceived++;
                    if (m != null) shellQueue.add(m);
                }
                if (poller.pollin(pControl)) {
                    Message m = receive(control, Channel.CONTROL);
                    if (m != null) handler.handleControl(m);
                }
                if (poller.pollin(pStdin)) {
                    Message m = receive(stdin, Channel.STDIN);
                    if (m != null && "input_reply".equals(m.type())) stdinReplies.add(m);
                }
            } catch (org.zeromq.ZMQException e) {
                if (!running) break;
                Log.warn("socket error: " + e);
            } catch (Throwable t) {
                Log.warn("I/O loop: " + t);
            }
        }
    }

    /**
     * Answers each new IOPub subscription with an {@code iopub_welcome} (protocol 5.5's, as ipykernel 7 sends it): the
     * client then knows its subscription is live. jupyter_client 7's wait_for_ready, which nbclient and the benchmark
     * use, takes a kernel_info reply as ready only when some IOPub message follows within 0.2 s, else it asks again.
     * Each of its sockets retries a refused connect on its own timer (every 100-200 ms, until the kernel has bound),
     * so IOPub's subscription often came after the first kernel_info's busy and idle had been published to nobody:
     * the client waited out the 0.2 s and a second round, ~0.2 s more to the first result in 2-3 of 6 launches
     * (bench/RESULTS.md, start-up). The welcome reaches it whenever it subscribes. Other clients get it too (PUB sends to every
     * subscriber); it has no parent, so they pass it over as any message of another request.
     */
    private void welcomeSubscribers() {
        byte[] sub;
        while ((sub = iopub.recv(ZMQ.DONTWAIT)) != null) {
            if (sub.length == 0 || sub[0] != 1) continue; // an unsubscription
            ObjectNode c = object();
            c.put("subscription", new String(sub, 1, sub.length - 1, StandardCharsets.UTF_8));
            sendFrames(iopub, codec.encode(Message.reply(null, "iopub_welcome", c)));
            Log.debug("iopub subscribed");
        }
    }

    private Message receive(ZMQ.Socket socket, Channel channel) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = socket.recv(ZMQ.DONTWAIT);
            if (f == null) break;
            frames.add(f);
        } while (socket.hasReceiveMore());
        try {
            return codec.decode(frames);
        } catch (WireCodec.BadMessage e) {
            Log.warn("dropped a message on " + channel.name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
            // correctly signed, header readable: answer it, so its sender does not wait forever
            if (e.request != null && channel != Channel.STDIN) handler.handleUnreadable(channel, e.request, e.getMessage());
            return null;
        }
    }

    private static final byte[] CLOSE = "CLOSE".getBytes(StandardCharsets.US_ASCII);
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    /**
     * From any thread (a shutdown hook): sends what is queued, then closes the sockets, waiting up to the given
     * time for the messages to leave (JVM exit would otherwise drop a reply still in ZeroMQ's queues).
     */
    void flushAndClose(long millis) {
        synchronized (outboxLock) {
            if (!running) return;
            outboxPush.send(CLOSE);
        }
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainOutbox() {
        while (true) {
            byte[] tag = outboxPull.recv(ZMQ.DONTWAIT);
            if (tag == null) return;
            if (java.util.Arrays.equals(tag, CLOSE)) {
                shutdown();
                return;
            }
            List<byte[]> frames = new ArrayList<>();
            while (outboxPull.hasReceiveMore()) frames.add(outboxPull.recv(0));
            ZMQ.Socket target;
            switch (Channel.valueOf(new String(tag, StandardCharsets.US_ASCII))) {
                case SHELL: target = shell; break;
                case CONTROL: target = control; break;
                case STDIN: target = stdin; break;
                default: target = iopub; break;
            }
            sendFrames(target, frames);
        }
    }

    /** One message's frames out of a channel's socket, on the I/O thread (the last frame never blocks it). */
    private static void sendFrames(ZMQ.Socket target, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (i < frames.size() - 1) target.sendMore(frames.get(i));
            else target.send(frames.get(i), ZMQ.DONTWAIT);
        }
    }

    /** Execute requests read so far, in arrival order (written by the I/O thread, which also handles interrupts). */
    private volatile long executesReceived;

    long executesReceived() {
        return executesReceived;
    }

    boolean hasQueuedExecute() {
        for (Message m : shellQueue) if ("execute_request".equals(m.type())) return true;
        return false;
    }

    /** The queued shell requests, taken out (for aborting them after an error with stop_on_error). */
    List<Message> drainQueuedShell() {
        List<Message> out = new ArrayList<>();
        shellQueue.drainTo(out);
        return out;
    }

    void requeueShell(List<Message> ms) {
        List<Message> rest = new ArrayList<>();
        shellQueue.drainTo(rest);
        shellQueue.addAll(ms);
        shellQueue.addAll(rest);
    }

    /** Stops the loops and closes the sockets, after forwarding what is in the outbox. Called on the I/O thread. */
    void shutdown() {
        drainOutbox();
        running = false;
        // the last replies (shutdown_reply, an exiting cell's reply) must leave before the context closes
        for (ZMQ.Socket s : new ZMQ.Socket[] {shell, control, iopub}) s.setLinger(1000);
        synchronized (outboxLock) {
            ctx.close();
        }
        closed.countDown();
    }

    /** The sockets' context: a test puts a socket of its own on the kernel's ZeroMQ threads. */
    ZContext context() {
        return ctx;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** What the kernel does with requests. */
    public interface RequestHandler {
        void handleShell(Message m) throws Exception;

        void handleControl(Message m);

        /** A signed request whose content could not be read (a JSON limit, malformed JSON): answer it with an error. */
        default void handleUnreadable(Channel channel, Message request, String reason) {}
    }
}
