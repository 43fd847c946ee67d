// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;

/** What reaches the standard file manager: no flush, one {@code --multi-release} per value, every other option. */
class IndexKeepingFileManagerTest {
    @Test
    void onlyChangesReachTheStandardFileManager() {
        List<String> calls = new ArrayList<>();
        StandardJavaFileManager recording = (StandardJavaFileManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleOption")) {
                        @SuppressWarnings("unchecked")
                        Iterator<String> values = (Iterator<String>) args[1];
                        calls.add(args[0] + " " + values.next());
                        return true;
                    }
                    calls.add(method.getName());
                    return null;
                });
        IndexKeepingFileManager fm = new IndexKeepingFileManager(recording);
        // what javac does around each of JShell's compiles
        for (int compile = 0; compile < 3; compile++) {
            assertTrue(fm.handleOption("--multi-release", List.of("25").iterator()));
            fm.flush();
        }
        assertTrue(fm.handleOption("--multi-release", List.of("17").iterator()));
        assertTrue(fm.handleOption("-classpath", List.of("a.jar").iterator()));
        assertTrue(fm.handleOption("-classpath", List.of("a.jar").iterator()));
        assertEquals(List.of("--multi-release 25", "--multi-release 17", "-classpath a.jar", "-classpath a.jar"), calls);
    }

    @Test
    void aJarAddedLaterIsSeenByTheNextCell() throws CellError {
        // the index is kept across compiles; the class path's change still reaches the compiler
        try (JShellEvaluator evaluator = new JShellEvaluator(CellClassPath.of(io.gradbook.autograd.Torch.class,
                io.gradbook.kernel.runtime.Notebook.class), List.of("import static io.gradbook.autograd.Torch.*;"))) {
            for (int i = 0; i < 3; i++) assertEquals(2, evaluator.eval("1 + 1").value);
            assertEquals("INDArray", evaluator.eval("org.nd4j.linalg.api.ndarray.INDArray.class.getSimpleName()").value);
        }
    }
}
