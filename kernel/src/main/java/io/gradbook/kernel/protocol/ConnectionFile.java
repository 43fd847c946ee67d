// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** The connection file a Jupyter front end writes: transport, ip, the five ports, and the signing key. */
public final class ConnectionFile {
    public final String transport;
    public final String ip;
    public final int shellPort, controlPort, iopubPort, stdinPort, hbPort;
    public final String key;
    public final String signatureScheme;

    private ConnectionFile(Map<String, String> f) throws IOException {
        transport = f.getOrDefault("transport", "tcp");
        ip = f.getOrDefault("ip", "127.0.0.1");
        shellPort = port(f, "shell_port");
        controlPort = port(f, "control_port");
        iopubPort = port(f, "iopub_port");
        stdinPort = port(f, "stdin_port");
        hbPort = port(f, "hb_port");
        key = f.getOrDefault("key", "");
        signatureScheme = f.getOrDefault("signature_scheme", "hmac-sha256");
    }

    private static int port(Map<String, String> f, String name) throws IOException {
        try {
            return Integer.parseInt(f.getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            throw new IOException("connection file: " + name + " is not a port number");
        }
    }

    public static ConnectionFile read(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        // the sockets are bound before Jackson has finished initialising (Json): a connection file is a flat
        // object of strings and numbers, read here directly; anything else goes through Jackson
        Map<String, String> fields = FlatJsonObject.parse(text);
        ConnectionFile c = new ConnectionFile(fields != null ? fields : viaJackson(text));
        if (!c.key.isEmpty() && !"hmac-sha256".equals(c.signatureScheme)) {
            throw new IOException("unsupported signature scheme " + c.signatureScheme + " (only hmac-sha256)");
        }
        if (!"tcp".equals(c.transport)) {
            throw new IOException("unsupported transport " + c.transport + ": jeromq emulates ipc over TCP, so clients could not connect; use tcp");
        }
        return c;
    }

    private static Map<String, String> viaJackson(String text) throws IOException {
        JsonNode n = Json.MAPPER.readTree(text);
        if (n == null || !n.isObject()) throw new IOException("connection file is not a JSON object");
        Map<String, String> f = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) f.put(e.getKey(), e.getValue().asText());
        }
        return f;
    }

    /** The endpoint for a port, bound to exactly the connection file's address. */
    public String endpoint(int port) {
        return transport + "://" + ip + ":" + port;
    }
}
