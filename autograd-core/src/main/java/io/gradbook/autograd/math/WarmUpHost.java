// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Whether a host runs the engine's idle-time warm-up ({@code warmup.JitWarmUp}), said when the host starts: then the
 * product path that would otherwise warm itself up on a thread of its own at the first product ({@link WideSgemm})
 * leaves that to the host's unit. In a young kernel that thread ran the 512-bit kernel's rounds uncompiled (C2's
 * queue busy with the cells' code) for more than 10 s beside the student's cells: a matmul of 1024 took 20-25 ms
 * against 13 on the native path (bench/RESULTS.md, twentieth session). A class of its own, so that a host says so
 * at start-up without loading what it concerns (WideSgemm's detection loads the Vector API).
 */
public final class WarmUpHost {
    private WarmUpHost() {}

    private static volatile boolean present;

    /** A host will run the idle-time warm-up (call once, at its start). */
    public static void present() {
        present = true;
    }

    /** Whether a host said it will. */
    static boolean isPresent() {
        return present;
    }
}
