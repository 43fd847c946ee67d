// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import jdk.jshell.JShell;

/**
 * Keeps javac's name table from growing over a session. JShell compiles every cell in one reused javac context,
 * and every wrapper has a name of its own ({@code $JShell$12}, {@code REPL.$JShell$12}, ...). javac interns each
 * name it meets in the context's table and never forgets one: JDK 25's default table ({@code StringNameTable}, a
 * {@code HashMap<String, Name>}) kept ~1.4 KB a cell (52,800 names after 6,600 cells); JDK 17's
 * ({@code SharedNameTable}) appends every name's bytes to one array. javac's third table,
 * {@code UnsharedNameTable} (the {@code -XDuseUnsharedTable} option, in JDK 17 and 25 alike), holds its names
 * through weak references: a name goes once nothing refers to it, that is, once the wrapper's symbols and trees are
 * gone. javac compares names by identity, which that keeps sound by construction: a name can only be re-created
 * after no one holds the old one to compare it with. Removing names from the strong tables by hand (the other way
 * considered) would have to prove for each name that no symbol, tree or cache of the context still holds it, on
 * each JDK's table; recycling the context would lose the symbols of the session's live declarations. Measured on
 * JDK 25 with varied cells: 14 names a cell kept before, 1.3-1.7 now (those of the replaced versions of redefined
 * classes, whose class files JShell keeps). Dead weak entries are unlinked when javac next looks in their bucket,
 * so they stay under the table's 32,768 buckets.
 * <p>A JDK without that table ignores an unknown {@code -XD} option and keeps its default one (the session then
 * grows by its names, as before). {@code -Dgradbook.javacNames=default} keeps the default table (to compare).
 */
final class JavacNames {
    private JavacNames() {}

    /** The option that selects javac's weakly held name table; null when the default table was asked for. */
    static String option() {
        return "default".equals(System.getProperty("gradbook.javacNames")) ? null : "-XDuseUnsharedTable=true";
    }

    /** The builder, compiling every snippet (and every completion) with the weakly held name table. */
    static JShell.Builder weaklyHeld(JShell.Builder builder) {
        String option = option();
        return option == null ? builder : builder.compilerOptions(option);
    }

    /** A context's name table (javac's Names.instance(context).table). */
    private static Object tableOf(Object context) throws ReflectiveOperationException {
        ClassLoader javac = JShell.class.getClassLoader();
        Class<?> names = Class.forName("com.sun.tools.javac.util.Names", false, javac);
        // opened to us (the kernelspec's --add-opens), not exported: public members need setAccessible too
        java.lang.reflect.Method instance = names.getMethod("instance", Class.forName("com.sun.tools.javac.util.Context", false, javac));
        instance.setAccessible(true);
        java.lang.reflect.Field field = names.getField("table");
        field.setAccessible(true);
        return field.get(instance.invoke(null, context));
    }

    /** The simple name of a context's table's class: UnsharedNameTable, StringNameTable, SharedNameTable. */
    static String tableKind(Object context) throws ReflectiveOperationException {
        return tableOf(context).getClass().getSimpleName();
    }

    /**
     * The names a context's table holds now: the live ones of the weakly held table (call after a GC), the size of
     * the strong string table; -1 for another table (for the tests that bound them).
     */
    static int namesHeld(Object context) throws ReflectiveOperationException {
        Object table = tableOf(context);
        Class<?> c = table.getClass();
        if (c.getSimpleName().equals("StringNameTable")) return ((java.util.Map<?, ?>) SessionPruner.field(c, "nameMap").get(table)).size();
        if (!c.getSimpleName().equals("UnsharedNameTable")) return -1;
        int live = 0;
        java.lang.reflect.Field next = null;
        for (Object e : (Object[]) SessionPruner.field(c, "hashes").get(table)) {
            for (; e != null; e = next.get(e)) {
                if (next == null) next = SessionPruner.field(e.getClass(), "next");
                if (((java.lang.ref.Reference<?>) e).get() != null) live++;
            }
        }
        return live;
    }

    private static volatile boolean checked;

    /**
     * Says once in the log when a context of JShell's compiler has another table than the one asked for (a JDK
     * whose javac dropped it): the session then keeps every wrapper's names, as JShell alone does.
     */
    static void check(Object context) {
        if (checked || option() == null) return;
        checked = true;
        try {
            String table = tableOf(context).getClass().getName();
            if (!table.endsWith(".UnsharedNameTable")) {
                io.gradbook.kernel.Log.warn("javac's name table is " + table + ", not the weakly held one: the names of finished cells stay");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            io.gradbook.kernel.Log.warn("could not read javac's name table: " + e);
        }
    }
}
