// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A doc comment as plain text for a notebook's help pane: inline tags unwrapped, HTML dropped, block tags named. */
final class PlainJavadoc {
    private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|link|linkplain|value)\\s+([^{}]*(?:\\{[^{}]*\\}[^{}]*)*)\\}");

    private PlainJavadoc() {}

    static String of(String comment) {
        if (comment == null) return null;
        String text = comment;
        Matcher m = INLINE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String body = m.group(2).strip();
            if (m.group(1).startsWith("link")) {
                // {@link Tensor#grad() label} shows the label; without one, the reference, as Tensor.grad()
                int paren = body.indexOf('('), space = body.indexOf(' ');
                int refEnd = paren >= 0 && (space < 0 || paren < space) ? body.indexOf(')', paren) + 1 : space;
                if (refEnd <= 0) refEnd = body.length();
                String label = body.substring(refEnd).strip();
                String ref = body.substring(0, refEnd).replace('#', '.');
                body = !label.isEmpty() ? label : ref.startsWith(".") ? ref.substring(1) : ref;
            }
            m.appendReplacement(b, Matcher.quoteReplacement(body));
        }
        m.appendTail(b);
        text = b.toString()
                .replaceAll("(?i)<p>\\s*", "\n\n")
                .replaceAll("(?i)<li>\\s*", "\n  - ")
                .replaceAll("(?i)</?(ul|ol|li|p|pre|b|i|em|strong|tt|code|br)\\s*/?>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("(?m)^@param\\s+(\\S+)\\s+", "Parameter $1: ")
                .replaceAll("(?m)^@return\\s+", "Returns: ")
                .replaceAll("(?m)^@throws\\s+(\\S+)\\s+", "Throws $1: ")
                .replaceAll("\n{3,}", "\n\n");
        return text.strip();
    }
}
