// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Keeps a long session flat. JShell remembers every snippet it ever ran (its source, its wrapper source with all
 * the session's imports, its compiled bytes, its loaded class), even statements that declare nothing and can never
 * be named again: measured, +11 KB of heap and +1.2 classes per cell, and every cell slower than the last. Once a
 * statement, an expression or a rejected snippet has run, this removes it from JShell's tables (reached by
 * reflection; the kernel runs with {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} and the same for
 * {@code jdk.jshell.execution}), including the class bytes its class loader keeps (by resource name) and the
 * wrapper JShell keeps by class name (its source with all the session's imports, and its snippets). Declarations
 * stay: later cells name them. Without the openings, pruning is off and the session grows as JShell's does.
 * <p>The loaded class of a statement goes too: it is a hidden class ({@link HiddenStatements}), unloaded once it is
 * forgotten here.
 */
final class SessionPruner {
    private static final Field MAPS, SNIPPETS, BY_INDEX, TASK_FACTORY, FILE_MANAGER, CLASS_OBJECTS, CLASS_TRACKER, TRACKED, KEY;
    private static final Method KEY_INDEX, CLASS_FULL_NAME;
    private static final Field LOADER_DELEGATE, LOADED, LOADER, CLASS_FILES, OUTER_MAP, OUTERS, KEY_MAP, VAR_MAP;

    static {
        Field[] f = new Field[9];
        Method[] m = new Method[2];
        try {
            f[0] = field(JShell.class, "maps");
            f[1] = field(f[0].getType(), "snippets");
            f[2] = field(f[0].getType(), "keyIndexToSnippet");
            f[3] = field(JShell.class, "taskFactory");
            f[4] = field(f[3].getType(), "fileManager");
            f[5] = field(f[4].getType(), "classObjects");
            f[6] = field(JShell.class, "classTracker");
            f[7] = field(f[6].getType(), "map");
            f[8] = field(Snippet.class, "key");
            m[0] = f[8].getType().getDeclaredMethod("index");
            m[0].setAccessible(true);
            m[1] = Snippet.class.getDeclaredMethod("classFullName");
            m[1].setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            f = new Field[9];
            m = new Method[2];
        }
        Field[] l = new Field[4];
        try {
            l[0] = field(jdk.jshell.execution.DirectExecutionControl.class, "loaderDelegate");
            Class<?> delegate = Class.forName("jdk.jshell.execution.DefaultLoaderDelegate");
            l[1] = field(delegate, "klasses");
            l[2] = field(delegate, "loader");
            l[3] = field(l[2].getType(), "classFiles");
        } catch (ReflectiveOperationException | RuntimeException e) {
            l = new Field[4];
        }
        Field[] o = new Field[2];
        try {
            o[0] = field(JShell.class, "outerMap");
            o[1] = field(o[0].getType(), "classOuters");
        } catch (ReflectiveOperationException | RuntimeException e) {
            o = new Field[2];
        }
        OUTER_MAP = o[0];
        OUTERS = o[1];
        Field[] v = new Field[2];
        try {
            v[0] = field(JShell.class, "keyMap");
            v[1] = field(v[0].getType(), "varMap");
        } catch (ReflectiveOperationException | RuntimeException e) {
            v = new Field[2];
        }
        KEY_MAP = v[0];
        VAR_MAP = v[1];
        LOADER_DELEGATE = l[0];
        LOADED = l[1];
        LOADER = l[2];
        CLASS_FILES = l[3];
        MAPS = f[0];
        SNIPPETS = f[1];
        BY_INDEX = f[2];
        TASK_FACTORY = f[3];
        FILE_MANAGER = f[4];
        CLASS_OBJECTS = f[5];
        CLASS_TRACKER = f[6];
        TRACKED = f[7];
        KEY = f[8];
        KEY_INDEX = m[0];
        CLASS_FULL_NAME = m[1];
    }

    /** A declared field made accessible (the openings above); JavacPruner reaches javac's fields through it too. */
    static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    static boolean available() {
        return CLASS_FULL_NAME != null;
    }

    private final JShell shell;
    private final Map<String, ?> loaded, classFiles;
    private final HiddenStatements hidden;

    @SuppressWarnings("unchecked")
    SessionPruner(JShell shell, jdk.jshell.execution.DirectExecutionControl control) {
        this.shell = shell;
        this.hidden = control instanceof CapturingExecutionControl ? ((CapturingExecutionControl) control).hidden : null;
        Map<String, ?> k = null, c = null;
        try {
            if (CLASS_FILES != null) {
                Object delegate = LOADER_DELEGATE.get(control);
                if (delegate instanceof HiddenStatements) delegate = ((HiddenStatements) delegate).jshell();
                if (delegate.getClass().getName().equals("jdk.jshell.execution.DefaultLoaderDelegate")) {
                    k = (Map<String, ?>) LOADED.get(delegate);
                    c = (Map<String, ?>) CLASS_FILES.get(LOADER.get(delegate));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            k = c = null;
        }
        loaded = k;
        classFiles = c;
    }

    /** Forgets a finished snippet that declares nothing, or a dropped or rejected one: no later snippet can name it. */
    void prune(Snippet s) {
        prune(s, true);
    }

    /**
     * Forgets a declaration that a new version replaced. Its wrapper class name may be the new version's (JShell
     * names wrappers after the declaration's key), so only the snippet goes, not the classes.
     */
    void pruneOverwritten(Snippet s) {
        prune(s, false);
    }

    @SuppressWarnings("unchecked")
    private void prune(Snippet s, boolean classes) {
        if (!available()) return;
        try {
            Object maps = MAPS.get(shell);
            ((Set<Snippet>) SNIPPETS.get(maps)).remove(s);
            List<Snippet> byIndex = (List<Snippet>) BY_INDEX.get(maps);
            int index = (int) KEY_INDEX.invoke(KEY.get(s));
            if (index < byIndex.size() && byIndex.get(index) == s) byIndex.set(index, null);
            if (VAR_MAP != null && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                // the key of an expression's $n value: a name no later snippet can reuse
                ((Map<String, ?>) VAR_MAP.get(KEY_MAP.get(shell))).remove(((jdk.jshell.VarSnippet) s).name());
            }
            String cls = (String) CLASS_FULL_NAME.invoke(s);
            if (cls == null || !classes) return;
            Object fileManager = FILE_MANAGER.get(TASK_FACTORY.get(shell));
            removeClass(((Map<String, ?>) CLASS_OBJECTS.get(fileManager)).keySet(), cls);
            removeClass(((Map<String, ?>) TRACKED.get(CLASS_TRACKER.get(shell))).keySet(), cls);
            if (loaded != null) {
                synchronized (loaded) {
                    removeClass(loaded.keySet(), cls);
                }
            }
            if (classFiles != null) {
                // kept by resource name: REPL/$JShell$12.class
                String resource = cls.replace('.', '/');
                synchronized (classFiles) {
                    classFiles.keySet().removeIf(n -> n.equals(resource + ".class") || n.startsWith(resource + "$"));
                }
            }
            if (OUTERS != null) {
                // the wrapper's source (all the session's imports) and its snippets, by the wrapper's simple name
                removeClass(((Map<String, ?>) OUTERS.get(OUTER_MAP.get(shell))).keySet(), cls.substring(cls.lastIndexOf('.') + 1));
            }
            if (hidden != null) hidden.forget(cls);
        } catch (ReflectiveOperationException | RuntimeException e) {
            io.gradbook.kernel.Log.warn("could not forget a finished snippet: " + e);
        }
    }

    /** The wrapper class and its nested ones ({@code REPL.$JShell$12$1}, an anonymous class in the statement). */
    private static void removeClass(Set<String> names, String cls) {
        names.remove(cls);
        names.removeIf(n -> n.startsWith(cls + "$"));
    }
}
