// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference data recorded from real PyTorch 1.13.1, kept in the repository under testdata/reference. */
final class Reference {
    private Reference() {}

    static Path dir() {
        String testdata = System.getProperty("gradbook.testdata");
        Path p = testdata != null ? Path.of(testdata) : Path.of("..", "testdata");
        Path ref = p.resolve("reference");
        if (!Files.isDirectory(ref)) throw new IllegalStateException("reference data not found at " + ref.toAbsolutePath() + " (set -Dgradbook.testdata)");
        return ref;
    }

    static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(dir().resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our output with object addresses masked the way the reference masks them. */
    static String maskAddresses(String s) {
        return s.replaceAll("0x[0-9a-fA-F]+", "0x...");
    }
}
