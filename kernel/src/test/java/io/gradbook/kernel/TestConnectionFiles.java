// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import io.gradbook.kernel.protocol.ConnectionFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Connection files on loopback for tests that bind a KernelServer of their own, as a front end writes them. */
final class TestConnectionFiles {
    private TestConnectionFiles() {}

    /** Five ports found free the way jupyter_client finds them (bind port 0, let it go), unless a port is given. */
    static ConnectionFile write(Path dir, Integer shellPort) throws Exception {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
        }
        if (shellPort != null) ports[0] = shellPort;
        Path p = dir.resolve("kernel.json");
        Files.writeString(p, String.format("{\"shell_port\": %d, \"iopub_port\": %d, \"stdin_port\": %d, \"control_port\": %d, \"hb_port\": %d,"
                + " \"ip\": \"127.0.0.1\", \"key\": \"k\", \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\"}",
                ports[0], ports[1], ports[2], ports[3], ports[4]));
        return ConnectionFile.read(p);
    }
}
