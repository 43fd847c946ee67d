// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** %timeit and %time print IPython's text: checked against IPython 8.5's own formatting (oracle/ipython_timing.json). */
class TimingTest {
    private static JsonNode oracle() throws Exception {
        try (InputStream in = TimingTest.class.getResourceAsStream("/oracle/ipython_timing.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void formatTimeAsIPython() throws Exception {
        int n = 0;
        for (JsonNode c : oracle().path("format_time")) {
            assertEquals(c.get(1).asText(), Timing.formatTime(c.get(0).asDouble()), "timespan " + c.get(0).asDouble());
            n++;
        }
        assertEquals(28, n);
    }

    @Test
    void timeitLineAsIPython() throws Exception {
        for (JsonNode c : oracle().path("timeit")) {
            double[] all = new double[c.path("all_runs").size()];
            for (int i = 0; i < all.length; i++) all[i] = c.path("all_runs").get(i).asDouble();
            assertEquals(c.path("text").asText(), Timing.timeitLine(c.path("loops").asInt(), c.path("runs").asInt(), all));
        }
    }
}
