// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

/**
 * Renderer loops call {@link #check()} once per box, edge or layer, so an interrupt stops a picture being drawn:
 * the kernel interrupts the thread that renders (the cell's, or the thread that renders a cell's result), and
 * from JDK 20 on nothing else could stop library code. Reading the flag is cheap (an intrinsic), and the flag is
 * left set, so the code above the renderer sees the interrupt too.
 */
public final class Interrupts {
    private Interrupts() {}

    /** Thrown out of a renderer whose thread was interrupted; the kernel shows it as KeyboardInterrupt. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("rendering interrupted", null, false, false);
        }
    }

    static void check() {
        if (Thread.currentThread().isInterrupted()) throw new Stopped();
    }
}
