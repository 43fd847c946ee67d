// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference data recorded from real PyTorch 1.13.1, in ../shared/reference beside the checkout. */
final class Reference {
    private Reference() {}

    static Path dir() {
        String shared = System.getProperty("gradbook.shared");
        Path p = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
        Path ref = p.resolve("reference");
        if (!Files.isDirectory(ref)) throw new IllegalStateException("reference data not found at " + ref.toAbsolutePath() + " (set -Dgradbook.shared)");
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
