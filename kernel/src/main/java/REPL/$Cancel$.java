// SPDX-License-Identifier: Apache-2.0
package REPL;

/**
 * Where the stop checks JShell weaves into snippet code land (JDK 21+: a call to {@code REPL.$Cancel$.stopCheck()}
 * at the start of every method and before every backward branch). JShell's own check reads one flag for all
 * threads, so its stop killed every thread running cell code, also those an earlier cell started in the background.
 * This class is on the kernel's class path and JShell's class loader asks its parent first, so snippet code calls
 * this check instead of JShell's generated one: it stops only the thread the kernel names ({@link
 * io.gradbook.kernel.eval.ThreadStop}), as an interrupt in ipykernel lands only in the cell's own thread.
 */
public final class $Cancel$ {
    private $Cancel$() {}

    public static void stopCheck() {
        io.gradbook.kernel.eval.ThreadStop.check();
    }
}
