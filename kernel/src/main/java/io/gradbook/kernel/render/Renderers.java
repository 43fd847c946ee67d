// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.autograd.Node;
import io.gradbook.autograd.PyRepr;
import io.gradbook.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a cell's value into a Jupyter MIME bundle. {@code text/plain} is always what IPython would show for the
 * PyTorch object (so notebooks diff against PyTorch's); richer types are registered by class from the kernel,
 * because autograd-core knows nothing of rendering.
 */
public final class Renderers {
    private static final Map<Class<?>, Function<Object, Map<String, String>>> RICH = new LinkedHashMap<>();

    static {
        register(Tensor.class, t -> Map.of("text/html", TensorCard.html((Tensor) t)));
        register(Node.class, n -> Map.of("text/html", TensorCard.nodeHtml((Node) n)));
        // image/svg+xml and no text/html: a front end shows the SVG in a trusted notebook and falls back to the
        // text form in an untrusted one (it would sanitize HTML into the SVG's text run together); export.py draws
        // the SVG itself, since nbconvert's HTML template cleans image/svg+xml down to its text. Plots likewise.
        register(GraphPicture.class, g -> Map.of("image/svg+xml", ((GraphPicture) g).svg()));
        register(io.gradbook.kernel.runtime.Plot.class, p -> Map.of("image/svg+xml", ((io.gradbook.kernel.runtime.Plot) p).svg()));
        // the stepper needs its script and the live outputs their HTML (a progress element); both carry a text form
        register(io.gradbook.kernel.runtime.BackwardTrace.class, t -> Map.of("text/html", StepperHtml.html((io.gradbook.kernel.runtime.BackwardTrace) t)));
        register(io.gradbook.kernel.runtime.LiveDisplay.class, d -> Map.of("text/html", ((io.gradbook.kernel.runtime.LiveDisplay) d).bundle().get("text/html")));
    }

    private Renderers() {}

    public static void register(Class<?> type, Function<Object, Map<String, String>> renderer) {
        RICH.put(type, renderer);
    }

    /** The bundle for a value: text/plain first, then whatever the first matching renderer adds. */
    public static Map<String, String> bundle(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("text/plain", PyRepr.pretty(value));
        if (value == null) return out;
        for (Map.Entry<Class<?>, Function<Object, Map<String, String>>> e : RICH.entrySet()) {
            if (e.getKey().isInstance(value)) {
                out.putAll(e.getValue().apply(value));
                break;
            }
        }
        return out;
    }
}
