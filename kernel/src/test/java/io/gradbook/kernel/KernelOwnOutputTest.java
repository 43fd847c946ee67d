// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What the kernel's own threads print never reaches a cell. A student once saw jeromq's {@code ClosedChannelException}
 * in a first cell: jeromq's poller survives a channel closed under it in a socket teardown and reports it with
 * {@code printStackTrace()} on its I/O thread, whose System.err was the cells' stream, and output of a thread no cell
 * started was the running cell's. Here the same exception is thrown on the kernel's ZeroMQ I/O thread, from the
 * decoder's allocator of a socket on the kernel's context, while streams are routed as in a running kernel.
 */
class KernelOwnOutputTest {
    @TempDir
    Path dir;

    @Test
    void zeromqsReportOfAClosedChannelGoesToTheLogNotToTheRunningCell() throws Exception {
        Log.debugEnabled(); // Log keeps the process's stderr before the cells' streams replace it, as Main does first
        PrintStream out = System.out, err = System.err;
        InputStream in = System.in;
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        KernelServer server = new KernelServer(TestConnectionFiles.write(dir, null));
        server.bind();
        CellStreams streams = new CellStreams((cell, name, text) -> published.add(name + ": " + text), prompt -> null);
        CountDownLatch thrown = new CountDownLatch(1);
        try {
            ZMQ.Socket pull = server.context().createSocket(SocketType.PULL);
            pull.setLinger(0);
            zmq.msg.MsgAllocator heap = new zmq.msg.MsgAllocatorHeap();
            pull.setMsgAllocator(size -> {
                // once: the poller calls the engine again while the frame is unread
                if (thrown.getCount() == 0) return heap.allocate(size);
                thrown.countDown();
                System.err.println("printed on " + Thread.currentThread().getName()); // any print of its threads, too
                throw new zmq.ZError.IOException(new ClosedChannelException());
            });
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            try (ZContext peer = new ZContext(1)) {
                // the peer stands for the front end, another process: what its own teardown reports (jeromq prints a
                // ClosedChannelException when it closes while its I/O thread still acks a pipe) is not the kernel's
                peer.setNotificationExceptionHandler((t, e) -> { });
                // a connection that stalls before the kernel's side decodes anything (2 CI runs in ~10, never alone:
                // the allocator not called at all in 30 s) is retried on a fresh socket; what this test checks starts
                // once a frame is decoded
                boolean decoded = false;
                for (int attempt = 0; attempt < 6 && !decoded; attempt++) {
                    ZMQ.Socket push = peer.createSocket(SocketType.PUSH);
                    push.setLinger(0);
                    push.connect("tcp://127.0.0.1:" + port);
                    push.send("x");
                    decoded = thrown.await(5, TimeUnit.SECONDS);
                    if (!decoded) peer.destroySocket(push);
                }
                assertTrue(decoded, "the kernel's I/O thread never decoded the frame");
                // the poller reports right after the throw; then the flusher would have had a cell's worth of time
                Thread.sleep(300);
                streams.flush();
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
            server.shutdown();
        }
        List<String> seen;
        synchronized (published) {
            seen = new ArrayList<>(published);
        }
        assertEquals(List.of(), seen.stream().filter(t -> t.contains("ClosedChannelException") || t.contains("zmq.") || t.contains("printed on")).toList());
    }
}
