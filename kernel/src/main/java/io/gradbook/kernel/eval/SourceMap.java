// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jshell.Snippet;

/**
 * Where each snippet's code sits in the cells, so every frame, warning and compile error can name its real cell
 * line. JShell numbers lines within a snippet; a cell is split into several snippets, each starting on some line
 * of its cell. Frames of code running outside JShell's own error translation (a warning's caller, a background
 * thread's exception) carry the generated wrapper class and its line instead: JShell's wrapper maps those back
 * (package-private, reached by reflection when the kernel runs with
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}; without it such frames are reported without a line).
 */
final class SourceMap {
    /** A snippet's cell (its name, null when it has none) and the 0-based cell line of the snippet's first line. */
    record Origin(String cell, int firstLine) {}

    private static final Method CLASS_FULL_NAME, OUTER_WRAP, WRAP_LINE_TO_SNIPPET_LINE;

    static {
        Method name = null, outer = null, toLine = null;
        try {
            name = Snippet.class.getDeclaredMethod("classFullName");
            outer = Snippet.class.getDeclaredMethod("outerWrap");
            name.setAccessible(true);
            outer.setAccessible(true);
            toLine = outer.getReturnType().getMethod("wrapLineToSnippetLine", int.class);
            toLine.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            name = outer = toLine = null; // not opened: frames outside JShell's translation go without lines
        }
        CLASS_FULL_NAME = name;
        OUTER_WRAP = outer;
        WRAP_LINE_TO_SNIPPET_LINE = toLine;
    }

    private final java.util.function.Supplier<java.util.stream.Stream<Snippet>> snippets;
    /** The origin of the piece being run now: its snippet is known to JShell but not yet to this map. */
    private volatile Origin running;

    SourceMap(java.util.function.Supplier<java.util.stream.Stream<Snippet>> snippets) {
        this.snippets = snippets;
    }

    void running(Origin o) {
        running = o;
    }

    /** Declarations live as long as the session; statements are looked up only for a while (threads they started). */
    private final Map<String, Origin> declared = new HashMap<>();
    private final Map<String, Origin> transients = lru();
    private final Map<String, Snippet> declaredClasses = new HashMap<>();
    private final Map<String, Snippet> transientClasses = lru();

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > 128;
            }
        };
    }

    synchronized void record(Snippet s, Origin origin, boolean declaration) {
        (declaration ? declared : transients).put(s.id(), origin);
        String cls = classOf(s);
        if (cls != null) (declaration ? declaredClasses : transientClasses).put(cls, s);
    }

    /** Forgets a declaration that is gone (overwritten or dropped). */
    synchronized void forget(Snippet s) {
        declared.remove(s.id());
        String cls = classOf(s);
        // a new version of a declaration may keep the wrapper class name: only this snippet's entry goes
        if (cls != null) declaredClasses.remove(cls, s);
    }

    synchronized Origin origin(String snippetId) {
        Origin o = declared.get(snippetId);
        return o != null ? o : transients.get(snippetId);
    }

    private static String classOf(Snippet s) {
        if (CLASS_FULL_NAME == null) return null;
        try {
            return (String) CLASS_FULL_NAME.invoke(s);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The cell location of a frame in cell code, or null for a frame elsewhere (the JDK, the engine, the kernel). */
    synchronized CellError.Location locate(StackTraceElement f) {
        String file = f.getFileName();
        // a lambda's generated class (a hidden class, shown with -XX:+ShowHiddenFrames): its body is the next frame
        if (f.getClassName().contains("$Lambda")) return null;
        if (file != null && file.startsWith("#")) {
            // a frame JShell already translated: file "#<snippet id>", line within the snippet
            Origin o = origin(file.substring(1));
            if (o == null) return null;
            return new CellError.Location(o.cell(), o.firstLine() + Math.max(1, f.getLineNumber()), 0, method(f.getMethodName()));
        }
        String cls = f.getClassName();
        if (!cls.startsWith("REPL.$JShell$")) return null;
        int hidden = cls.indexOf('/');
        if (hidden >= 0) cls = cls.substring(0, hidden); // a hidden class: REPL.$JShell$12/0x0000000800c41c40
        int nested = cls.indexOf('$', "REPL.$JShell$".length());
        String wrapper = nested < 0 ? cls : cls.substring(0, nested);
        Snippet s = declaredClasses.get(wrapper);
        if (s == null) s = transientClasses.get(wrapper);
        if (s == null && running != null && CLASS_FULL_NAME != null) {
            // a frame of the piece running now (a warning it raised): its snippet is JShell's newest with that class
            s = snippets.get().filter(x -> wrapper.equals(classOf(x))).reduce((a, b) -> b).orElse(null);
            if (s != null) record(s, running, false);
        }
        Origin o = s == null ? null : origin(s.id());
        if (o == null) return null;
        int line = 0;
        try {
            if (f.getLineNumber() > 0) line = (int) WRAP_LINE_TO_SNIPPET_LINE.invoke(OUTER_WRAP.invoke(s), f.getLineNumber() - 1) + 1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            line = 0;
        }
        return new CellError.Location(o.cell(), line > 0 ? o.firstLine() + line : 0, 0, method(f.getMethodName()));
    }

    /** The cell-level name of a frame's method: null at top level (JShell's do_it$ and lambdas in it). */
    static String method(String m) {
        if (m == null || m.isEmpty() || m.equals("do_it$")) return null;
        if (m.startsWith("lambda$")) {
            String inner = m.substring("lambda$".length());
            int end = inner.lastIndexOf('$');
            String enclosing = end <= 0 ? "" : inner.substring(0, end);
            return enclosing.equals("do_it$") || enclosing.equals("do_it$$") || enclosing.isEmpty() ? null : method(enclosing);
        }
        return m;
    }
}
