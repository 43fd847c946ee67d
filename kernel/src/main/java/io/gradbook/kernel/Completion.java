// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import io.gradbook.kernel.eval.JShellEvaluator;
import jdk.jshell.SourceCodeAnalysis;

/**
 * complete, inspect and is_complete, from JShell's source analysis. Jupyter counts cursor positions in Unicode
 * code points, Java strings in UTF-16 units: positions are converted at this boundary.
 */
final class Completion {
    private final JShellEvaluator evaluator;
    private final SourceCodeAnalysis analysis;
    private final ApiDocs apiDocs = new ApiDocs();

    Completion(JShellEvaluator evaluator) {
        this.evaluator = evaluator;
        this.analysis = evaluator.analysis();
    }

    private static int toUtf16(String code, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, cp);
    }

    private static int toCodePoints(String code, int utf16) {
        return code.codePointCount(0, Math.max(0, Math.min(utf16, code.length())));
    }

    private static String code(JsonNode content) {
        return content.path("code").asText("");
    }

    ObjectNode complete(JsonNode content) {
        String code = code(content);
        evaluator.prepareFor(code);
        int cursor = toUtf16(code, content.path("cursor_pos").asInt(code.codePointCount(0, code.length())));
        int[] anchor = new int[1];
        Set<String> matches = new LinkedHashSet<>();
        try {
            for (SourceCodeAnalysis.Suggestion s : analysis.completionSuggestions(code, cursor, anchor)) matches.add(s.continuation());
        } catch (RuntimeException e) {
            anchor[0] = cursor;
        }
        ObjectNode c = KernelServer.object();
        c.put("status", "ok");
        ArrayNode arr = c.putArray("matches");
        matches.forEach(arr::add);
        c.put("cursor_start", toCodePoints(code, anchor[0]));
        c.put("cursor_end", toCodePoints(code, cursor));
        c.set("metadata", KernelServer.object());
        return c;
    }

    ObjectNode inspect(JsonNode content) {
        String code = code(content);
        int cursor = toUtf16(code, content.path("cursor_pos").asInt(code.codePointCount(0, code.length())));
        String text = documentation(code, cursor);
        ObjectNode c = KernelServer.object();
        c.put("status", "ok");
        c.put("found", !text.isEmpty());
        ObjectNode data = c.putObject("data");
        if (!text.isEmpty()) data.put("text/plain", text);
        c.set("metadata", KernelServer.object());
        return c;
    }

    /** Signatures and Javadoc of what is at the cursor; empty when nothing is known there. */
    String documentation(String code, int cursor) {
        evaluator.prepareFor(code);
        StringBuilder text = new StringBuilder();
        document(code, cursor, text);
        if (text.length() == 0) {
            // JShell documents a method from inside its argument list: "Math.max|" becomes "Math.max(|"
            int end = cursor;
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
            document(code.substring(0, end) + "(", end + 1, text);
        }
        return text.toString();
    }

    private void document(String code, int cursor, StringBuilder text) {
        try {
            List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, true);
            for (SourceCodeAnalysis.Documentation d : docs) {
                if (text.length() > 0) text.append("\n\n");
                text.append(d.signature());
                // JShell has the JDK's Javadoc (where the JDK ships its sources); ours comes from the API's sources
                String doc = d.javadoc() != null && !d.javadoc().isBlank() ? d.javadoc() : apiDocs.javadoc(d.signature());
                if (doc != null && !doc.isBlank()) text.append("\n").append(doc.strip());
            }
        } catch (RuntimeException ignored) {
            // nothing known at the cursor
        }
    }

    ObjectNode isComplete(JsonNode content) {
        String code = code(content);
        ObjectNode c = KernelServer.object();
        SourceCodeAnalysis.Completeness done;
        String rest = code;
        // a cell is complete when every snippet in it is
        do {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            done = info.completeness();
            rest = info.remaining();
        } while (done.isComplete() && !rest.isBlank());
        switch (done) {
            case DEFINITELY_INCOMPLETE:
            case CONSIDERED_INCOMPLETE:
                c.put("status", "incomplete");
                c.put("indent", "    ");
                break;
            case UNKNOWN:
                c.put("status", "invalid");
                break;
            default:
                c.put("status", "complete");
        }
        return c;
    }
}
