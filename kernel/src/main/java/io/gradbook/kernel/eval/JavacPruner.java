// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import jdk.jshell.JShell;

/**
 * Keeps the compiler JShell reuses for every cell from growing. JShell compiles each snippet in one reused javac
 * context, whose symbol table lives as long as the session. Two of its tables only grow: every compilation
 * unit's imports register a weakly held listener with each scope they import from (java.lang, our API, each
 * declaration's wrapper), and a scope drops the dead ones only when a symbol is added to it, which for these
 * almost never happens; and the class table keeps an empty entry for every wrapper class ever compiled. Measured:
 * 1.6 KB of the 2.7 KB a cell still left on the heap after {@link SessionPruner}. Every so many cells this drops
 * the dead listeners and the empty entries, on the contexts the pool is not using (taken out of the pool while
 * it works, so a completion request on another thread gets a fresh context instead of a half-pruned one).
 * <p>Needs {@code --add-opens} of jdk.compiler's {@code com.sun.tools.javac.api}, {@code .code} and {@code .util}
 * (the kernelspec has them); without them it does nothing.
 */
final class JavacPruner {
    private static final Field TASK_FACTORY, POOL, CONTEXTS, SCOPE_LISTENERS, LISTENER_LIST, CLASSES, PACKAGES, HEAD, TAIL;
    private static final Method SYMTAB_INSTANCE, LIST_FROM;

    static {
        Field[] f = new Field[10];
        Method[] m = new Method[2];
        try {
            f[0] = SessionPruner.field(JShell.class, "taskFactory");
            f[1] = SessionPruner.field(f[0].getType(), "javacTaskPool");
            f[2] = SessionPruner.field(f[1].getType(), "options2Contexts");
            Class<?> scope = Class.forName("com.sun.tools.javac.code.Scope", false, JShell.class.getClassLoader());
            f[3] = SessionPruner.field(scope, "listeners");
            f[4] = SessionPruner.field(f[3].getType(), "listeners");
            Class<?> symtab = Class.forName("com.sun.tools.javac.code.Symtab", false, JShell.class.getClassLoader());
            f[5] = SessionPruner.field(symtab, "classes");
            f[6] = SessionPruner.field(symtab, "packages");
            Class<?> list = f[4].getType();
            f[8] = SessionPruner.field(list, "head");
            f[9] = SessionPruner.field(list, "tail");
            Class<?> context = Class.forName("com.sun.tools.javac.util.Context", false, JShell.class.getClassLoader());
            m[0] = symtab.getMethod("instance", context);
            m[0].setAccessible(true);
            m[1] = list.getMethod("from", Iterable.class);
            m[1].setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            f = new Field[10];
            m = new Method[2];
        }
        TASK_FACTORY = f[0];
        POOL = f[1];
        CONTEXTS = f[2];
        SCOPE_LISTENERS = f[3];
        LISTENER_LIST = f[4];
        CLASSES = f[5];
        PACKAGES = f[6];
        HEAD = f[8];
        TAIL = f[9];
        SYMTAB_INSTANCE = m[0];
        LIST_FROM = m[1];
    }

    /** A field declared by c or a superclass (members_field is declared on ClassSymbol and PackageSymbol alike). */
    private static Field fieldIn(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return SessionPruner.field(k, name);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name);
    }

    static boolean available() {
        return LIST_FROM != null;
    }

    /** How many cells between two prunings: a pruning reads every symbol of the table (a few ms). */
    static final int EVERY = 200;

    private final JShell shell;
    private int cells;

    JavacPruner(JShell shell) {
        this.shell = shell;
    }

    /** Counts a cell; every {@link #EVERY} cells, prunes. Call between cells (no compile of this session running). */
    void cellDone() {
        if (!available() || ++cells % EVERY != 0) return;
        try {
            prune();
        } catch (ReflectiveOperationException | RuntimeException e) {
            io.gradbook.kernel.Log.warn("could not prune the compiler's tables: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    void prune() throws ReflectiveOperationException {
        Object pool = POOL.get(TASK_FACTORY.get(shell));
        if (pool == null) return;
        Map<Object, Queue<Object>> byOptions = (Map<Object, Queue<Object>>) CONTEXTS.get(pool);
        List<Object[]> taken = new ArrayList<>();
        synchronized (pool) {
            for (Map.Entry<Object, Queue<Object>> e : byOptions.entrySet()) {
                for (Object ctx; (ctx = e.getValue().poll()) != null; ) taken.add(new Object[] {e.getKey(), ctx});
            }
        }
        try {
            for (Object[] t : taken) pruneContext(t[1]);
        } finally {
            synchronized (pool) {
                for (Object[] t : taken) byOptions.computeIfAbsent(t[0], k -> new java.util.ArrayDeque<>()).add(t[1]);
            }
        }
    }

    /** The contexts in JShell's pool now (a snapshot; for the tests that count their names). */
    @SuppressWarnings("unchecked")
    static List<Object> pooledContexts(JShell shell) throws ReflectiveOperationException {
        List<Object> out = new ArrayList<>();
        if (!available()) return out;
        Object pool = POOL.get(TASK_FACTORY.get(shell));
        if (pool == null) return out;
        synchronized (pool) {
            for (Queue<Object> q : ((Map<Object, Queue<Object>>) CONTEXTS.get(pool)).values()) out.addAll(q);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private void pruneContext(Object context) throws ReflectiveOperationException {
        Object symtab = SYMTAB_INSTANCE.invoke(null, context);
        JavacNames.check(context);
        Map<Object, Map<Object, Object>> classes = (Map<Object, Map<Object, Object>>) CLASSES.get(symtab);
        classes.values().removeIf(Map::isEmpty);
        for (Map<Object, Object> byModule : classes.values()) pruneListeners(byModule.values());
        for (Map<Object, Object> byModule : ((Map<Object, Map<Object, Object>>) PACKAGES.get(symtab)).values()) pruneListeners(byModule.values());
    }

    /** Drops the cleared listener references of each symbol's member scope. */
    private static void pruneListeners(Collection<Object> symbols) throws ReflectiveOperationException {
        for (Object sym : symbols) {
            Object scope = membersOf(sym);
            if (scope == null) continue;
            Object listenerList = SCOPE_LISTENERS.get(scope);
            if (listenerList == null) continue;
            Object list = LISTENER_LIST.get(listenerList);
            List<Object> live = new ArrayList<>();
            boolean dead = false;
            for (Object l = list; l != null && HEAD.get(l) != null; l = TAIL.get(l)) {
                Object ref = HEAD.get(l);
                if (((WeakReference<?>) ref).get() == null) dead = true;
                else live.add(ref);
            }
            if (dead) LISTENER_LIST.set(listenerList, LIST_FROM.invoke(null, live));
        }
    }

    /** A class's or a package's member scope (members_field: declared on ClassSymbol and PackageSymbol alike). */
    private static Object membersOf(Object sym) throws ReflectiveOperationException {
        Field f = MEMBERS_BY_CLASS.computeIfAbsent(sym.getClass(), c -> {
            try {
                return fieldIn(c, "members_field");
            } catch (NoSuchFieldException e) {
                return null;
            }
        });
        return f == null ? null : f.get(sym);
    }

    private static final Map<Class<?>, Field> MEMBERS_BY_CLASS = new java.util.concurrent.ConcurrentHashMap<>();
}
