// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Jupyter wire format: {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata,
 * content, buffers...]}, signed with HMAC-SHA256 over the four JSON frames. Parsing never trusts its input:
 * every malformed message becomes a {@link BadMessage} with a reason, and the caller logs and drops it.
 */
public final class WireCodec {
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private final SecretKeySpec key;

    /**
     * Thrown for a message that cannot be handled (bad signature, missing frames, malformed JSON, ...). When it
     * was signed correctly and its header could be read, {@link #request} holds that header (with empty content)
     * so the request can still be answered with an error instead of leaving its sender waiting forever.
     */
    public static final class BadMessage extends Exception {
        public final transient Message request;

        public BadMessage(String reason) {
            this(reason, null);
        }

        BadMessage(String reason, Message request) {
            super(reason);
            this.request = request;
        }
    }

    /**
     * Signatures already accepted, so a replayed message (captured and sent again, still validly signed) is refused,
     * as ipykernel's digest history does. Bounded: the oldest are forgotten first.
     */
    private final java.util.LinkedHashSet<String> digests = new java.util.LinkedHashSet<>();
    static final int DIGEST_HISTORY = 1 << 16;

    public WireCodec(String signatureKey) {
        this.key = signatureKey == null || signatureKey.isEmpty() ? null : new SecretKeySpec(signatureKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = newMacs();
    }

    /** One initialised Mac per thread: looking one up and keying it costs more than signing a message. */
    private final ThreadLocal<Mac> macs;

    private ThreadLocal<Mac> newMacs() {
        return ThreadLocal.withInitial(() -> {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        });
    }

    private Mac mac() {
        Mac m = macs.get();
        m.reset();
        return m;
    }

    String sign(byte[]... parts) {
        if (key == null) return "";
        Mac m = mac();
        for (byte[] p : parts) m.update(p);
        return HexFormat.of().formatHex(m.doFinal());
    }

    public List<byte[]> encode(Message msg) {
        try {
            byte[] h = Json.MAPPER.writeValueAsBytes(msg.header);
            byte[] p = Json.MAPPER.writeValueAsBytes(msg.parentHeader);
            byte[] md = Json.MAPPER.writeValueAsBytes(msg.metadata);
            byte[] c = Json.MAPPER.writeValueAsBytes(msg.content);
            List<byte[]> frames = new ArrayList<>(msg.identities);
            frames.add(DELIMITER);
            frames.add(sign(h, p, md, c).getBytes(StandardCharsets.US_ASCII));
            frames.add(h);
            frames.add(p);
            frames.add(md);
            frames.add(c);
            frames.addAll(msg.buffers);
            return frames;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialize a message we built", e);
        }
    }

    public Message decode(List<byte[]> frames) throws BadMessage {
        int d = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                d = i;
                break;
            }
        }
        if (d < 0) throw new BadMessage("no <IDS|MSG> delimiter");
        if (frames.size() < d + 6) throw new BadMessage("too few frames: " + frames.size());
        byte[] sig = frames.get(d + 1), h = frames.get(d + 2), p = frames.get(d + 3), md = frames.get(d + 4), c = frames.get(d + 5);
        if (key != null) {
            byte[] expected = sign(h, p, md, c).getBytes(StandardCharsets.US_ASCII);
            // constant time, so the comparison does not leak how much of a forged signature was right
            if (!MessageDigest.isEqual(expected, sig)) throw new BadMessage("invalid signature");
            if (!remember(new String(expected, StandardCharsets.US_ASCII))) throw new BadMessage("duplicate signature: a replayed message");
        }
        List<byte[]> ids = new ArrayList<>(frames.subList(0, d));
        ObjectNode header = object(h, "header", null);
        for (String field : new String[] {"msg_id", "msg_type"}) {
            if (!header.path(field).isTextual()) throw new BadMessage("header lacks " + field);
        }
        Message answerable = new Message(ids, header, Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(), List.of());
        ObjectNode parent = object(p, "parent_header", answerable), meta = object(md, "metadata", answerable), content = object(c, "content", answerable);
        return new Message(ids, header, parent, meta, content, new ArrayList<>(frames.subList(d + 6, frames.size())));
    }

    private synchronized boolean remember(String digest) {
        if (!digests.add(digest)) return false;
        if (digests.size() > DIGEST_HISTORY) {
            java.util.Iterator<String> oldest = digests.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private ObjectNode object(byte[] frame, String what, Message answerable) throws BadMessage {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(frame);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // a limit of the JSON reader (nesting depth, number length, ...): say which
            throw new BadMessage(what + " exceeds a limit of the kernel's JSON reader: " + e.getOriginalMessage(), answerable);
        } catch (Exception e) {
            throw new BadMessage("malformed JSON in " + what, answerable);
        }
        if (n == null || !n.isObject()) throw new BadMessage(what + " is not a JSON object", answerable);
        return (ObjectNode) n;
    }
}
