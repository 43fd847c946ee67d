// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Javadoc of Gradbook's own API for inspect requests. JShell documents only what its source roots cover (the
 * JDK's src.zip), so the kernel reads the API's sources, which the jars carry as resources, with javac's parser,
 * and finds the member a JShell signature such as {@code Tensor TensorOps.mul(Tensor)} names.
 */
final class ApiDocs {
    /** Where the jars carry the sources (not at their package paths, where javac would compile them). */
    private static final List<String> PACKAGES = List.of("META-INF/gradbook-sources/io/gradbook/autograd/", "META-INF/gradbook-sources/io/gradbook/kernel/runtime/");
    /** {@code <return type> <Class>.<name>(<parameters>)}, or a class's qualified name. */
    private static final Pattern METHOD = Pattern.compile("^(?:.*\\s)?([A-Z][\\w.]*)\\.(\\w+)\\((.*)\\)$");
    private static final Pattern CLASS = Pattern.compile("^(?:io\\.gradbook\\.[\\w.]+\\.)?([A-Z]\\w*)$");

    /** Per top-level source file: "Class#name(T1,T2)" for a method or constructor, "Class" for a class, to its doc comment. */
    private final Map<String, Map<String, String>> docs = new ConcurrentHashMap<>();

    /** The plain-text Javadoc of the API member a JShell documentation signature names, or null. */
    String javadoc(String signature) {
        Matcher m = METHOD.matcher(signature.strip());
        if (m.matches()) {
            String[] classes = m.group(1).split("\\.");
            String key = classes[classes.length - 1] + "#" + m.group(2) + "(" + String.join(",", parameterTypes(m.group(3))) + ")";
            return PlainJavadoc.of(membersOf(classes[0]).get(key));
        }
        Matcher c = CLASS.matcher(signature.strip());
        return c.matches() ? PlainJavadoc.of(membersOf(c.group(1)).get(c.group(1))) : null;
    }

    private Map<String, String> membersOf(String topLevelClass) {
        return docs.computeIfAbsent(topLevelClass, ApiDocs::parse);
    }

    /** Parameter types as simple erased names: "java.util.List<Tensor> outputs, int... size" gives [List, int[]]. */
    static List<String> parameterTypes(String parameters) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char ch : (parameters + ",").toCharArray()) {
            if (ch == '<') depth++;
            else if (ch == '>') depth--;
            else if (depth == 0 && ch == ',') {
                String p = cur.toString().strip();
                if (!p.isEmpty()) out.add(simpleType(p));
                cur.setLength(0);
            } else if (depth == 0) cur.append(ch);
        }
        return out;
    }

    private static String simpleType(String parameter) {
        // varargs count as arrays: JShell writes "int...", javac's tree prints "int[]"
        String p = parameter.replace("...", "[] ").strip();
        int space = p.lastIndexOf(' ');
        // "Tensor gradient" (a name) or "Tensor" or "int[]": the type is what comes before a trailing name
        String type = space > 0 && !p.substring(space + 1).startsWith("[") ? p.substring(0, space).strip() : p;
        type = type.replace(" ", "");
        int dims = 0;
        while (type.endsWith("[]")) {
            type = type.substring(0, type.length() - 2);
            dims++;
        }
        return type.substring(type.lastIndexOf('.') + 1) + "[]".repeat(dims);
    }

    private static Map<String, String> parse(String topLevelClass) {
        Map<String, String> out = new HashMap<>();
        String source = null;
        for (String pkg : PACKAGES) {
            source = read(pkg + topLevelClass + ".java");
            if (source != null) break;
        }
        if (source == null) return out;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String text = source;
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + topLevelClass + ".java"), SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        try {
            JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    private final List<String> enclosing = new ArrayList<>();

                    @Override
                    public Void visitClass(ClassTree node, Void v) {
                        String name = node.getSimpleName().toString();
                        put(name, getCurrentPath());
                        enclosing.add(name);
                        super.visitClass(node, v);
                        enclosing.remove(enclosing.size() - 1);
                        return null;
                    }

                    @Override
                    public Void visitMethod(MethodTree node, Void v) {
                        List<String> types = new ArrayList<>();
                        for (VariableTree p : node.getParameters()) types.add(simpleType(p.getType().toString()));
                        String name = node.getName().contentEquals("<init>") ? enclosing.get(enclosing.size() - 1) : node.getName().toString();
                        put(enclosing.get(enclosing.size() - 1) + "#" + name + "(" + String.join(",", types) + ")", getCurrentPath());
                        return null; // local classes in method bodies are not API
                    }

                    private void put(String key, TreePath path) {
                        String doc = trees.getDocComment(path);
                        if (doc != null && !doc.isBlank()) out.putIfAbsent(key, doc);
                    }
                }.scan(unit, null);
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("cannot read the Javadoc of " + topLevelClass + ": " + e);
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
