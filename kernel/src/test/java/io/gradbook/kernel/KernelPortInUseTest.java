// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port of the connection file that another process holds when the kernel starts. CI's hub test saw it: twenty
 * students' Jupyter servers drew ports at once, two drew the same one, and the second kernel died with jeromq's
 * "Address already in use" stack trace. A holder that lets go soon costs a short wait; one that keeps the port is
 * named in one line for the front end's log.
 */
class KernelPortInUseTest {
    @TempDir
    Path dir;

    private static ServerSocket hold() throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    @Test
    void aPortLetGoWhileTheKernelWaitsIsBound() throws Exception {
        ServerSocket holder = hold();
        KernelServer server = new KernelServer(TestConnectionFiles.write(dir, holder.getLocalPort()));
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(300);
                holder.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        release.start();
        try {
            server.bind();
        } finally {
            release.join();
            server.shutdown();
        }
    }

    @Test
    void aPortKeptByAnotherProcessIsNamed() throws Exception {
        try (ServerSocket holder = hold()) {
            KernelServer server = new KernelServer(TestConnectionFiles.write(dir, holder.getLocalPort()));
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, server::bind);
                assertTrue(e.getMessage().startsWith("the shell port " + holder.getLocalPort() + " of the connection file is in use"),
                        e.getMessage());
                // and what a hub's administrator can do about restarts that come back on the same port
                assertTrue(e.getMessage().contains("gradbook_fresh_ports.FreshPortsKernelManager"), e.getMessage());
            } finally {
                server.context().close(); // no socket is bound: nothing to drain
            }
        }
    }
}
