// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kernel's one ObjectMapper. Setting one up costs tens of milliseconds of class initialisation even with the
 * start-up archive, so {@link #warmUp()} runs on a thread of its own at start-up, away from the socket set-up
 * (a thread that touches {@link #MAPPER} meanwhile waits for that initialisation, as class initialisation does).
 */
public final class Json {
    /**
     * The longest JSON string a message may hold: as long as the largest message ZeroMQ accepts (KernelServer).
     * Jackson's default (20,000,000 characters) made a larger string fail to parse, and the request went unanswered.
     */
    public static final int MAX_STRING_LENGTH = 256 << 20;

    public static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
            .build());

    private Json() {}

    /** Parses and writes one small message-like document, so the first real message finds Jackson's paths ready. */
    public static void warmUp() {
        try {
            MAPPER.writeValueAsBytes(MAPPER.readTree("{\"header\":{\"msg_id\":\"0\",\"version\":\"5.3\"},\"content\":{\"code\":\"1 + 1\",\"n\":1,\"ok\":true}}"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
