// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * The compiler's file manager for cells, keeping its index of the class path from one compile to the next.
 * The standard file manager forgets that index whenever it is flushed or handed a file-manager option, and javac
 * does both in every compile: it sets {@code --multi-release} (always to the same value) when a compile starts and
 * flushes when it ends. The next compile then rebuilds the index, container by container, to look up the package
 * {@code REPL} and the imports: JShell runs three or four compiles per cell, and in the kernel's first cells (javac
 * still interpreted or in C1's profiled code) the rebuilding was about a tenth of each cell's compile time (JFR).
 * So a repeated {@code --multi-release} of the same value is not passed on, and a flush does nothing: nothing is
 * written through this manager (JShell keeps class files in memory, its sources are strings). A class-path change
 * still resets the index (addToClasspath passes a class-path option, which is passed on).
 */
final class IndexKeepingFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> implements StandardJavaFileManager {
    IndexKeepingFileManager(StandardJavaFileManager fm) {
        super(fm);
    }

    private static final String MULTI_RELEASE = "--multi-release";
    private String multiRelease;

    @Override
    public void flush() {
        // kept: see the class comment
    }

    @Override
    public boolean handleOption(String current, java.util.Iterator<String> remaining) {
        if (MULTI_RELEASE.equals(current) && remaining.hasNext()) {
            String value = remaining.next();
            if (value.equals(multiRelease)) return true; // already set: passing it on would drop the index
            boolean handled = fileManager.handleOption(current, java.util.List.of(value).iterator());
            if (handled) multiRelease = value;
            return handled;
        }
        return fileManager.handleOption(current, remaining);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return fileManager.isSameFile(a, b);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory f) {
        fileManager.setPathFactory(f);
    }
}
