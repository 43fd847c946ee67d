// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection files as front ends write them: read without Jackson when flat, through Jackson otherwise. */
class ConnectionFileTest {
    @TempDir
    Path dir;

    private ConnectionFile read(String json) throws IOException {
        Path p = dir.resolve("kernel.json");
        Files.writeString(p, json);
        return ConnectionFile.read(p);
    }

    @Test
    void readsWhatJupyterClientWrites() throws IOException {
        ConnectionFile c = read("{\n  \"shell_port\": 40001,\n  \"iopub_port\": 40002,\n  \"stdin_port\": 40003,\n  \"control_port\": 40004,\n"
                + "  \"hb_port\": 40005,\n  \"ip\": \"127.0.0.1\",\n  \"key\": \"3f1c9a52-6b0e4d7a\",\n  \"transport\": \"tcp\",\n"
                + "  \"signature_scheme\": \"hmac-sha256\",\n  \"kernel_name\": \"gradbook\"\n}\n");
        assertEquals(40001, c.shellPort);
        assertEquals(40002, c.iopubPort);
        assertEquals(40003, c.stdinPort);
        assertEquals(40004, c.controlPort);
        assertEquals(40005, c.hbPort);
        assertEquals("3f1c9a52-6b0e4d7a", c.key);
        assertEquals("tcp://127.0.0.1:40004", c.endpoint(c.controlPort));
    }

    @Test
    void decodesEscapesInStrings() throws IOException {
        ConnectionFile c = read("{\"key\": \"a\\\"b\\\\c\\u00e9\\/\", \"shell_port\": 1, \"ip\": \"::1\"}");
        assertEquals("a\"b\\c\u00e9/", c.key);
        assertEquals("::1", c.ip);
    }

    @Test
    void nullAndMissingFieldsTakeTheDefaults() throws IOException {
        ConnectionFile c = read("{\"key\": null, \"shell_port\": 7, \"transport\": null}");
        assertEquals("", c.key);
        assertEquals("tcp", c.transport);
        assertEquals("127.0.0.1", c.ip);
        assertEquals(7, c.shellPort);
    }

    @Test
    void nestedValuesGoThroughJackson() throws IOException {
        ConnectionFile c = read("{\"shell_port\": 9, \"key\": \"k\", \"metadata\": {\"a\": [1, 2]}, \"ip\": \"127.0.0.1\"}");
        assertEquals(9, c.shellPort);
        assertEquals("k", c.key);
        assertEquals("a\"b", FlatJsonObject.parse("{\"x\": \"a\\\"b\"}").get("x"));
        assertEquals(null, FlatJsonObject.parse("{\"x\": {\"y\": 1}}"));
        assertEquals(null, FlatJsonObject.parse("{\"x\": 1} trailing"));
        assertEquals(null, FlatJsonObject.parse("{\"x\": tru}"));
        assertEquals("-1.5e3", FlatJsonObject.parse("{\"x\": -1.5e3}").get("x"));
    }

    @Test
    void badFilesAreRefusedWithAReason() {
        assertThrows(IOException.class, () -> read("{\"shell_port\": 1,"));
        assertThrows(IOException.class, () -> read("[1, 2]"));
        assertThrows(IOException.class, () -> read("{\"shell_port\": 1, \"key\": fals}"));
        IOException port = assertThrows(IOException.class, () -> read("{\"shell_port\": \"x\"}"));
        assertTrue(port.getMessage().contains("shell_port"), port.getMessage());
        IOException ipc = assertThrows(IOException.class, () -> read("{\"transport\": \"ipc\", \"ip\": \"kernel\"}"));
        assertTrue(ipc.getMessage().contains("unsupported transport ipc"), ipc.getMessage());
    }
}
