// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** inspect's Javadoc for the Gradbook API, found from the signatures JShell gives, read from the API's sources. */
class ApiDocsTest {
    private final ApiDocs docs = new ApiDocs();

    @Test
    void findsMethodsByTheSignatureJShellPrints() {
        String gradFn = docs.javadoc("Node Tensor.gradFn()");
        assertEquals("The node that created this tensor (PyTorch's grad_fn); null for leaves.", gradFn);
        assertTrue(docs.javadoc("void Tensor.backward()").contains("gradient is 1"), docs.javadoc("void Tensor.backward()"));
        // overloads are told apart by their parameter types, with or without names, generics and varargs
        assertNotNull(docs.javadoc("Tensor TensorOps.rsub(double)"));
        assertNull(docs.javadoc("Tensor TensorOps.rsub(long)"));
        assertEquals(docs.javadoc("Tensor TensorOps.rsub(double)"), docs.javadoc("Tensor TensorOps.rsub(double other)"));
    }

    @Test
    void findsClassesAndTheNotebookRuntime() {
        assertNotNull(docs.javadoc("io.gradbook.autograd.Tensor"));
        assertNotNull(docs.javadoc("void Notebook.display(Object... values)"));
        assertNull(docs.javadoc("int Math.max(int a, int b)"));
        assertNull(docs.javadoc("not a signature"));
    }

    @Test
    void sourcesSitWhereJavacDoesNotLookForThem() {
        // javac searches the class path for sources as well, and compiles a .java that is newer than its .class:
        // at their package paths the API's sources broke every cell whose value is a Node in a fresh build
        ClassLoader loader = ApiDocs.class.getClassLoader();
        assertNull(loader.getResource("io/gradbook/autograd/Node.java"));
        assertNull(loader.getResource("io/gradbook/kernel/runtime/Notebook.java"));
        assertNotNull(loader.getResource("META-INF/gradbook-sources/io/gradbook/autograd/Node.java"));
    }

    @Test
    void parameterTypesAreSimpleErasedNames() {
        assertEquals(List.of("List", "int[]", "Tensor", "double[][]"),
                ApiDocs.parameterTypes("java.util.List<java.util.Map<String, Tensor>> outputs, int... size, Tensor, double[][] data"));
        assertEquals(List.of(), ApiDocs.parameterTypes(""));
    }

    @Test
    void javadocBecomesPlainText() {
        assertEquals("Returns x.grad() as Tensor.grad() and the label.\n\nSecond &\n\n  - one\n  - two\nParameter g: the gradient",
                PlainJavadoc.of("Returns {@code x.grad()} as {@link Tensor#grad()} and {@link Tensor#gradFn() the label}.\n<p>Second &amp;\n<ul><li>one</li><li>two</li></ul>\n@param g the gradient"));
    }
}
