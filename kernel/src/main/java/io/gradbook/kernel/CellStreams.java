// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Routes System.out/System.err of cell code to the notebook as {@code stream} messages while the cell runs
 * (flushed at least every 50 ms and at the end of the cell), and System.in to the front end's input requests.
 * Output is kept apart by the cell that started the writing thread ({@link #owner}): a thread a cell started
 * keeps writing under that cell after it ended, as ipykernel routes it.
 */
final class CellStreams {
    /** The request (a cell) that started the current thread, inherited by every thread that thread starts. */
    static final InheritableThreadLocal<Object> owner = new InheritableThreadLocal<>();
    /**
     * The owner of the kernel's own threads (ZeroMQ's I/O and reaper threads, the heartbeat, the watchdog): what
     * they print goes to the kernel's log, never to a cell. Without it such a thread has no owner, and output
     * without an owner belongs to the running cell (as a pool thread's that a cell's work reached does): jeromq's
     * I/O thread prints a stack trace for a channel closed under it in a socket teardown, and a student saw
     * {@code ClosedChannelException} in a cell.
     */
    static final Object KERNEL = new Object();

    /** Marks the calling thread as one of the kernel's own (see {@link #KERNEL}); call it first thing in its run. */
    static void ownedByKernel() {
        owner.set(KERNEL);
    }

    /** Receives (the cell the text belongs to, or null for the running cell; stream name; text). */
    interface Publisher {
        void publish(Object cell, String name, String text);
    }

    private final StreamBuffer out, err;
    private final Thread flusher;

    CellStreams(Publisher publish, Function<String, String> readLine) {
        out = new StreamBuffer("stdout", publish);
        err = new StreamBuffer("stderr", publish);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new InputBridge(readLine));
        flusher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(50);
                    flush();
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable t) {
                    Log.warn("output flusher: " + t);
                }
            }
        }, "gradbook-output-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    void flush() {
        System.out.flush();
        System.err.flush();
        out.publish();
        err.publish();
    }

    /** Collects bytes per cell; publishes whole UTF-8 characters. */
    private static final class StreamBuffer extends OutputStream {
        private static final Object NO_OWNER = new Object();
        private final String name;
        private final Publisher publish;
        private final java.util.Map<Object, ByteArrayOutputStream> pending = new java.util.LinkedHashMap<>();

        StreamBuffer(String name, Publisher publish) {
            this.name = name;
            this.publish = publish;
        }

        private ByteArrayOutputStream buffer() {
            Object o = owner.get();
            return pending.computeIfAbsent(o == null ? NO_OWNER : o, k -> new ByteArrayOutputStream());
        }

        @Override
        public synchronized void write(int b) {
            if (owner.get() == KERNEL) Log.stream().write(b);
            else buffer().write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (owner.get() == KERNEL) {
                Log.stream().write(b, off, len);
                return;
            }
            ByteArrayOutputStream buf = buffer();
            buf.write(b, off, len);
            if (buf.size() > 1 << 16) publish();
        }

        synchronized void publish() {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                publish(e.getKey() == NO_OWNER ? null : e.getKey(), e.getValue());
                if (e.getValue().size() == 0) it.remove();
            }
        }

        private void publish(Object cell, ByteArrayOutputStream pending) {
            if (pending.size() == 0) return;
            byte[] bytes = pending.toByteArray();
            int end = bytes.length;
            // keep an incomplete trailing UTF-8 sequence for the next flush
            int i = end - 1, back = 0;
            while (i >= 0 && back < 4 && (bytes[i] & 0xC0) == 0x80) {
                i--;
                back++;
            }
            if (i >= 0) {
                int lead = bytes[i] & 0xFF;
                int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
                if (need > back + 1) end = i;
            }
            pending.reset();
            pending.write(bytes, end, bytes.length - end);
            if (end > 0) publish.publish(cell, name, new String(bytes, 0, end, StandardCharsets.UTF_8));
        }
    }

    /** System.in for cells: each line is asked of the front end with an input_request. */
    private static final class InputBridge extends InputStream {
        private final Function<String, String> readLine;
        private byte[] buffer = new byte[0];
        private int pos;

        InputBridge(Function<String, String> readLine) {
            this.readLine = readLine;
        }

        @Override
        public synchronized int read() throws IOException {
            if (pos >= buffer.length) {
                String line = readLine.apply("");
                if (line == null) return -1;
                buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            return buffer[pos++] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            int first = read();
            if (first < 0) return -1;
            b[off] = (byte) first;
            int n = 1;
            while (n < len && pos < buffer.length) b[off + n++] = buffer[pos++];
            return n;
        }

        @Override
        public synchronized int available() {
            return buffer.length - pos;
        }
    }
}
