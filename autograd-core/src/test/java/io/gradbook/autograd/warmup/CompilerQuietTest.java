// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.warmup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up's classifier unit ends once the JIT's compilation time stops growing, and only then. */
class CompilerQuietTest {
    @Test
    void quietAfterTwoWindowsWithoutCompilationAndNotBefore() {
        long[] ms = {0};
        CompilerQuiet q = new CompilerQuiet(() -> ms[0]);
        assertFalse(q.windowQuiet(), "the first window only reads the start");
        ms[0] += 40;
        assertFalse(q.windowQuiet(), "C2 compiled 40 ms in the window");
        ms[0] += CompilerQuiet.QUIET_MS;
        assertFalse(q.windowQuiet(), "one quiet window is not enough");
        ms[0] += 1;
        assertTrue(q.windowQuiet(), "two quiet windows in a row");
        ms[0] += 200;
        assertFalse(q.windowQuiet(), "a long compile ended: busy again");
        assertFalse(q.windowQuiet());
        assertTrue(q.windowQuiet());
    }

    @Test
    void aJvmThatDoesNotReportCompilationTimeIsNeverQuiet() {
        CompilerQuiet q = new CompilerQuiet(null);
        for (int i = 0; i < 5; i++) assertFalse(q.windowQuiet());
    }
}
