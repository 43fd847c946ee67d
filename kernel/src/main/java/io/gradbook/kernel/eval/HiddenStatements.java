// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.Map;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;

/**
 * Loads the wrapper class of a statement or an expression as a hidden class, so it is unloaded once it has run.
 * JShell defines every wrapper in its one class loader, and a class goes only with its loader: measured, +1.2
 * classes and ~1.5 KB of metaspace a cell, never freed. A statement's wrapper is never named again, so it is
 * defined with {@link MethodHandles.Lookup#defineHiddenClass} through a lookup on a class of the session's loader
 * (same loader, same package {@code REPL}: it still reaches the package-private wrappers of declarations); it
 * is not STRONG, so it is unloaded when nothing refers to it any more (a thread it started keeps it).
 * <p>Only a wrapper that is the whole load goes this way: a statement with a named, local or anonymous class
 * compiles to several class files that name each other, and stays on JShell's path, as does one with a lambda
 * ({@link WrapperShape#isStatement}). Declarations always do: the class file, not the cell splitter, decides.
 * The throwaway method of {@link CellCheck} is compiled for its diagnostics only and never runs: it is not loaded.
 * <p>A hidden class's frames are left out of stack traces unless the JVM runs with
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:+ShowHiddenFrames} (the kernelspec sets it): without it, runtime error
 * lines would be lost, so the statements then load as JShell loads them.
 */
final class HiddenStatements implements LoaderDelegate {
    /** What the next load is for, as the evaluator knows it. */
    enum Next { DECLARATION, STATEMENT, CHECK }

    private final LoaderDelegate jshell;
    private final Map<String, Class<?>> hidden = new HashMap<>();
    private volatile MethodHandles.Lookup lookup;
    private volatile Next next = Next.DECLARATION;

    HiddenStatements(LoaderDelegate jshell) {
        this.jshell = jshell;
    }

    /** JShell's own loader delegate: the default one, made by reflection (package-private), or null. */
    static LoaderDelegate jshellDefault() {
        try {
            java.lang.reflect.Constructor<?> c = Class.forName("jdk.jshell.execution.DefaultLoaderDelegate").getDeclaredConstructor();
            c.setAccessible(true);
            return (LoaderDelegate) c.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether frames of hidden classes appear in stack traces (-XX:+ShowHiddenFrames). */
    static boolean framesShown() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("ShowHiddenFrames").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    LoaderDelegate jshell() {
        return jshell;
    }

    /** Turns hidden statements on: a full-privilege lookup on a wrapper class of the session's loader. */
    void useLookup(MethodHandles.Lookup l) {
        if (l != null && l.lookupClass().getPackageName().equals("REPL") && l.hasFullPrivilegeAccess()) lookup = l;
    }

    boolean enabled() {
        return lookup != null;
    }

    /** The class the lookup is on (a test tells the start-up's way from the snippet's), or null. */
    String lookupClassName() {
        MethodHandles.Lookup l = lookup;
        return l == null ? null : l.lookupClass().getName();
    }

    void expect(Next what) {
        next = what;
    }

    /** Lets a statement's hidden class go (it unloads once its running code and threads are done with it). */
    synchronized void forget(String className) {
        hidden.remove(className);
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        Next what = next;
        if (cbcs.length == 1 && what == Next.CHECK && isCheck(cbcs[0].bytecodes())) return;
        MethodHandles.Lookup l = lookup;
        if (cbcs.length == 1 && what == Next.STATEMENT && l != null && cbcs[0].name().startsWith("REPL.") && isStatement(cbcs[0].bytecodes())) {
            try {
                Class<?> c = l.defineHiddenClass(cbcs[0].bytecodes(), false).lookupClass();
                synchronized (this) {
                    hidden.put(cbcs[0].name(), c);
                }
                return;
            } catch (IllegalAccessException | LinkageError e) {
                io.gradbook.kernel.Log.warn("a statement's class loads as JShell loads it: " + e);
            }
        }
        jshell.load(cbcs);
    }

    private static boolean isCheck(byte[] classFile) {
        WrapperShape shape = WrapperShape.of(classFile);
        return shape != null && shape.methods.contains(CellCheck.NAME);
    }

    private static boolean isStatement(byte[] classFile) {
        WrapperShape shape = WrapperShape.of(classFile);
        return shape != null && shape.isStatement();
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c;
        synchronized (this) {
            c = hidden.get(name);
        }
        return c != null ? c : jshell.findClass(name);
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        jshell.classesRedefined(cbcs);
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        jshell.addToClasspath(path);
    }
}
