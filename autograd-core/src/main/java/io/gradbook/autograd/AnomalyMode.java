// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code torch.autograd.detect_anomaly} / {@code set_detect_anomaly}: while on, every new node remembers the stack
 * of the forward call that made it, and a backward node that fails (or returns NaN) reports that forward trace
 * as PyTorch's warning before the error propagates. Global, as in PyTorch (not per thread).
 *
 * <p>The trace is a Java stack; a host decides which frames are the user's ({@link #setTraceFormatter}): the
 * Jupyter kernel shows the notebook cell and line, the core knows nothing of cells.
 */
public final class AnomalyMode {
    private static volatile boolean enabled;
    private static volatile boolean checkNan = true;
    private static volatile Function<StackTraceElement[], String> formatter = AnomalyMode::defaultFormat;

    private AnomalyMode() {}

    /** {@code torch.is_anomaly_enabled()}. */
    public static boolean isEnabled() {
        return enabled;
    }

    /** Whether NaN checks run on every backward node's outputs while anomaly mode is on. */
    public static boolean isCheckNanEnabled() {
        return checkNan;
    }

    static void set(boolean on, boolean nan) {
        enabled = on;
        checkNan = nan;
    }

    /**
     * Sets how a forward trace is shown: given the Java stack at the forward call, the lines after PyTorch's
     * "Traceback of forward call that caused the error:" (null restores the default, which keeps frames outside
     * this library and the JDK).
     */
    public static void setTraceFormatter(Function<StackTraceElement[], String> f) {
        formatter = f == null ? AnomalyMode::defaultFormat : f;
    }

    /** Called when a node is made: the forward trace, only while anomaly mode is on. */
    static Throwable captureTrace() {
        return enabled ? new Throwable("forward call") : null;
    }

    /** Runs a node under anomaly mode: the NaN check, and the forward trace warning when the node fails. */
    static Tensor[] call(Node node, java.util.function.Supplier<Tensor[]> run) {
        try {
            Tensor[] outputs = run.get();
            if (checkNan && outputs != null) {
                for (int i = 0; i < outputs.length; i++) {
                    if (outputs[i] != null && hasNan(outputs[i])) {
                        throw new TorchException.RuntimeError("Function '" + node.name() + "' returned nan values in its " + i + "th output.");
                    }
                }
            }
            return outputs;
        } catch (RuntimeException e) {
            if (node.forwardTrace != null) {
                Warnings.warn("UserWarning", "Error detected in " + node.name() + ". Traceback of forward call that caused the error:\n"
                        + formatter.apply(node.forwardTrace.getStackTrace()));
            }
            throw e;
        }
    }

    private static boolean hasNan(Tensor t) {
        if (!t.dtype().isFloatingPoint()) return false;
        for (double v : t.values()) if (Double.isNaN(v)) return true;
        return false;
    }

    private static String defaultFormat(StackTraceElement[] stack) {
        List<String> lines = new ArrayList<>();
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith("io.gradbook.autograd.") || c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) continue;
            lines.add("  File \"" + f.getFileName() + "\", line " + f.getLineNumber() + ", in " + c + "." + f.getMethodName());
        }
        return String.join("\n", lines);
    }
}
