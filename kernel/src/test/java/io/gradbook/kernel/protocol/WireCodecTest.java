// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format's defences: replayed signatures, long strings, JSON the reader refuses. */
class WireCodecTest {
    private final WireCodec codec = new WireCodec("secret");

    private List<byte[]> signed(ObjectNode content) {
        return codec.encode(Message.request("execute_request", content, "s"));
    }

    @Test
    void aReplayedMessageIsRefusedAndAFreshOneIsNot() throws WireCodec.BadMessage {
        ObjectNode c = Json.MAPPER.createObjectNode().put("code", "1");
        List<byte[]> frames = signed(c);
        assertEquals("1", codec.decode(frames).content.path("code").asText());
        WireCodec.BadMessage replay = assertThrows(WireCodec.BadMessage.class, () -> codec.decode(frames));
        assertTrue(replay.getMessage().contains("duplicate signature"), replay.getMessage());
        assertNull(replay.request); // never answered: it was handled once already
        assertEquals("1", codec.decode(signed(c)).content.path("code").asText()); // same content, new header
    }

    @Test
    void stringsLongerThanJacksonsDefaultAreRead() throws WireCodec.BadMessage {
        String big = "y".repeat(20_000_001);
        assertEquals(big.length(), codec.decode(signed(Json.MAPPER.createObjectNode().put("pad", big))).content.path("pad").asText().length());
    }

    @Test
    void contentOverAReaderLimitNamesTheLimitAndKeepsTheHeaderToAnswer() {
        List<byte[]> frames = new ArrayList<>(signed(Json.MAPPER.createObjectNode()));
        byte[] deep = ("{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}").getBytes(StandardCharsets.UTF_8);
        int d = 0;
        while (!new String(frames.get(d), StandardCharsets.US_ASCII).equals("<IDS|MSG>")) d++;
        frames.set(d + 5, deep);
        frames.set(d + 1, codec.sign(frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), deep).getBytes(StandardCharsets.US_ASCII));
        WireCodec.BadMessage e = assertThrows(WireCodec.BadMessage.class, () -> codec.decode(frames));
        assertTrue(e.getMessage().contains("nesting depth") && e.getMessage().contains("1000"), e.getMessage());
        assertNotNull(e.request);
        assertEquals("execute_request", e.request.type());
    }
}
