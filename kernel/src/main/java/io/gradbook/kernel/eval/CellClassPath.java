// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What cells compile against. javac indexes every class path entry on its first compile, and the kernel's class
 * path carries ND4J and its dependencies (40 jars): measured here, the first compile takes 230 ms with all of
 * them and 145 ms with only the API (autograd-core and the notebook runtime). So cells start with the API, and
 * the rest joins the first time a cell names ND4J, the only other library our API exposes (Nd4jInterop).
 */
public final class CellClassPath {
    /** The entries holding the API every cell uses. */
    public final List<String> api;
    /** The rest of the kernel's class path, added to the compiler when a cell first needs it. */
    public final List<String> onDemand;

    private CellClassPath(List<String> api, List<String> onDemand) {
        this.api = api;
        this.onDemand = onDemand;
    }

    /** Splits this JVM's class path into the entries holding the given classes and the rest. */
    public static CellClassPath of(Class<?>... apiClasses) {
        List<String> api = new ArrayList<>();
        for (Class<?> c : apiClasses) {
            String where = location(c);
            if (!api.contains(where)) api.add(where);
        }
        List<String> rest = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty() && !api.contains(Path.of(e).toAbsolutePath().normalize().toString())) rest.add(e);
        }
        return new CellClassPath(List.copyOf(api), List.copyOf(rest));
    }

    /** Whether code may refer to ND4J types (an INDArray, Nd4j, org.nd4j, Nd4jInterop). */
    static boolean needsOnDemand(String code) {
        return code.contains("INDArray") || code.toLowerCase(Locale.ROOT).contains("nd4j");
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize().toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + c.getName() + " was loaded from", e);
        }
    }
}
