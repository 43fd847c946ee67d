// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPython's help syntax in a cell: {@code x.backward?} or {@code Math.max??}. It cannot be Java (a Java expression
 * never ends in '?'), so such a cell asks for documentation instead of running.
 */
final class HelpRequest {
    private static final Pattern HELP = Pattern.compile("\\s*([\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\s*\\.\\s*[\\p{L}_$][\\p{L}\\p{N}_$]*)*)\\s*\\?{1,2}\\s*");

    private HelpRequest() {}

    /** The name asked about, or null when the cell is not a help request. */
    static String target(String cell) {
        Matcher m = HELP.matcher(cell);
        return m.matches() ? m.group(1).replaceAll("\\s+", "") : null;
    }
}
