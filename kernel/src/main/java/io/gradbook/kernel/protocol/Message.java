// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** One Jupyter message: routing identities, the four JSON parts, and any binary buffers. */
public final class Message {
    public static final String PROTOCOL_VERSION = "5.3";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    public final List<byte[]> identities;
    public final ObjectNode header;
    public final ObjectNode parentHeader;
    public final ObjectNode metadata;
    public final ObjectNode content;
    public final List<byte[]> buffers;

    public Message(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader, ObjectNode metadata, ObjectNode content, List<byte[]> buffers) {
        this.identities = identities;
        this.header = header;
        this.parentHeader = parentHeader;
        this.metadata = metadata;
        this.content = content;
        this.buffers = buffers;
    }

    public String type() {
        return header.path("msg_type").asText("");
    }

    /** A new message answering {@code parent} (same identities, parent header set, same session). */
    public static Message reply(Message parent, String msgType, ObjectNode content) {
        return new Message(parent == null ? List.of() : parent.identities, newHeader(msgType, parent == null ? "" : parent.header.path("session").asText(""), parent == null ? "" : parent.header.path("username").asText("")),
                parent == null ? JsonNodeFactory.instance.objectNode() : parent.header.deepCopy(), JsonNodeFactory.instance.objectNode(), content, List.of());
    }

    /** A new request from a client session (no identities: a DEALER socket's ROUTER peer adds its own). */
    public static Message request(String msgType, ObjectNode content, String session) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return new Message(List.of(), newHeader(msgType, session, ""), f.objectNode(), f.objectNode(), content, List.of());
    }

    static ObjectNode newHeader(String msgType, String session, String username) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("msg_id", UUID.randomUUID().toString());
        h.put("session", session);
        h.put("username", username.isEmpty() ? "gradbook" : username);
        h.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(ISO));
        h.put("msg_type", msgType);
        h.put("version", PROTOCOL_VERSION);
        return h;
    }
}
