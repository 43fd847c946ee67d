// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a JSON object whose values are all strings, numbers, booleans or null (a connection file), without
 * Jackson. Returns null for anything else (nesting, malformed text), so the caller can hand it to Jackson.
 */
final class FlatJsonObject {
    private static final Pattern LITERAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false|null");
    private final String s;
    private int i;

    private FlatJsonObject(String s) {
        this.s = s;
    }

    static Map<String, String> parse(String text) {
        try {
            return new FlatJsonObject(text).object();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Map<String, String> object() {
        Map<String, String> out = new HashMap<>();
        expect('{');
        if (peek() == '}') {
            i++;
            return end(out);
        }
        while (true) {
            String name = string();
            expect(':');
            String v = value();
            if (v != null) out.put(name, v);
            char c = next();
            if (c == '}') return end(out);
            if (c != ',') throw new IllegalArgumentException();
        }
    }

    private Map<String, String> end(Map<String, String> out) {
        skipSpace();
        if (i != s.length()) throw new IllegalArgumentException();
        return out;
    }

    private String value() {
        char c = peek();
        if (c == '"') return string();
        int start = i;
        while (i < s.length() && "+-.0123456789eEtruefalsn".indexOf(s.charAt(i)) >= 0) i++;
        String v = s.substring(start, i);
        // an object or array (not flat), or a literal JSON does not have: Jackson gets it and says what is wrong
        if (!LITERAL.matcher(v).matches()) throw new IllegalArgumentException();
        return v.equals("null") ? null : v;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                case '"': case '\\': case '/': b.append(e); break;
                default: throw new IllegalArgumentException();
            }
        }
    }

    private void expect(char c) {
        if (next() != c) throw new IllegalArgumentException();
    }

    private char next() {
        skipSpace();
        return s.charAt(i++);
    }

    private char peek() {
        skipSpace();
        return s.charAt(i);
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }
}
