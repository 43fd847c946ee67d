// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The connection file a Jupyter front end writes: transport, ip, the five ports, and the signing key. */
public final class ConnectionFile {
    public final String transport;
    public final String ip;
    public final int shellPort, controlPort, iopubPort, stdinPort, hbPort;
    public final String key;
    public final String signatureScheme;

    private ConnectionFile(JsonNode n) {
        transport = n.path("transport").asText("tcp");
        ip = n.path("ip").asText("127.0.0.1");
        shellPort = n.path("shell_port").asInt();
        controlPort = n.path("control_port").asInt();
        iopubPort = n.path("iopub_port").asInt();
        stdinPort = n.path("stdin_port").asInt();
        hbPort = n.path("hb_port").asInt();
        key = n.path("key").asText("");
        signatureScheme = n.path("signature_scheme").asText("hmac-sha256");
    }

    public static ConnectionFile read(Path path) throws IOException {
        ConnectionFile c = new ConnectionFile(new ObjectMapper().readTree(path.toFile()));
        if (!c.key.isEmpty() && !"hmac-sha256".equals(c.signatureScheme)) {
            throw new IOException("unsupported signature scheme " + c.signatureScheme + " (only hmac-sha256)");
        }
        if (!"tcp".equals(c.transport)) {
            throw new IOException("unsupported transport " + c.transport + ": jeromq emulates ipc over TCP, so clients could not connect; use tcp");
        }
        return c;
    }

    /** The endpoint for a port, bound to exactly the connection file's address. */
    public String endpoint(int port) {
        return transport + "://" + ip + ":" + port;
    }
}
