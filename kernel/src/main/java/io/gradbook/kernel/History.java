// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** This session's cell history, answering history_request (tail, range, search with glob patterns). */
final class History {
    private static final int SESSION = 1;

    private record Entry(int line, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output));
    }

    synchronized ObjectNode query(JsonNode request) {
        boolean output = request.path("output").asBoolean(false);
        List<Entry> picked;
        switch (request.path("hist_access_type").asText("tail")) {
            case "range": {
                int start = request.path("start").asInt(0), stop = request.path("stop").asInt(Integer.MAX_VALUE);
                int session = request.path("session").asInt(SESSION);
                picked = new ArrayList<>();
                if (session == SESSION || session == 0) for (Entry e : entries) if (e.line >= start && e.line < stop) picked.add(e);
                break;
            }
            case "search": {
                Pattern p = glob(request.path("pattern").asText("*"));
                boolean unique = request.path("unique").asBoolean(false);
                Map<String, Entry> found = new LinkedHashMap<>();
                List<Entry> all = new ArrayList<>();
                for (Entry e : entries) {
                    if (!p.matcher(e.input).matches()) continue;
                    if (unique) {
                        found.remove(e.input);
                        found.put(e.input, e);
                    } else {
                        all.add(e);
                    }
                }
                picked = unique ? new ArrayList<>(found.values()) : all;
                picked = tail(picked, request.path("n").asInt(0));
                break;
            }
            default:
                picked = tail(entries, request.path("n").asInt(10));
        }
        ObjectNode c = KernelServer.object();
        c.put("status", "ok");
        ArrayNode hist = c.putArray("history");
        for (Entry e : picked) {
            ArrayNode row = hist.addArray();
            row.add(SESSION).add(e.line);
            if (output) row.addArray().add(e.input).add(e.output);
            else row.add(e.input);
        }
        return c;
    }

    private static List<Entry> tail(List<Entry> list, int n) {
        return n <= 0 || n >= list.size() ? new ArrayList<>(list) : new ArrayList<>(list.subList(list.size() - n, list.size()));
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char ch : g.toCharArray()) {
            if (ch == '*') re.append(".*");
            else if (ch == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
