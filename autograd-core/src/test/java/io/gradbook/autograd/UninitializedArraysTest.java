// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The unzeroed allocation of large op results: reachable in the test JVM (the surefire argLine exports
 * jdk.internal.misc, as the kernel's JVM does), so every other test runs its ops on unzeroed outputs; here, that
 * it is on, that small arrays stay zeroed, and that results over memory left dirty by earlier tensors are exact.
 */
class UninitializedArraysTest {
    @Test
    void availableWhereExported() {
        assertTrue(UninitializedArrays.available(), "the surefire argLine exports jdk.internal.misc");
        assertEquals(UninitializedArrays.MIN_LENGTH + 8, UninitializedArrays.floats(UninitializedArrays.MIN_LENGTH + 8).length);
        assertEquals(UninitializedArrays.MIN_LENGTH, UninitializedArrays.doubles(UninitializedArrays.MIN_LENGTH).length);
    }

    @Test
    void smallArraysAreZeroed() {
        float[] f = UninitializedArrays.floats(UninitializedArrays.MIN_LENGTH - 1);
        for (float v : f) assertEquals(0f, v);
    }

    @Test
    void opsOverwriteEveryElement() {
        int n = 300_001; // not a multiple of the chunk or the lanes: scalar tails too
        Torch.manualSeed(3);
        Tensor x = Torch.randn(n);
        Tensor col = Torch.randn(3, 1);
        float[] first = null, firstBroadcast = null;
        for (int round = 0; round < 4; round++) {
            // NaN garbage where the next results are likely allocated (after the first round)
            if (round > 0) for (int k = 0; k < 8; k++) Torch.full(new int[] {n}, Float.NaN, DType.FLOAT32);
            float[] y = floats(x.sin().mul(x).exp().add(x).mul(2.0).neg().div(x.cos()).sub(1.0));
            float[] b = floats(col.mul(x).add(x.expand(3, n)).tanh().pow(2.0));
            if (first == null) {
                first = y;
                firstBroadcast = b;
            } else {
                assertArrayEquals(bits(first), bits(y), "round " + round);
                assertArrayEquals(bits(firstBroadcast), bits(b), "broadcast, round " + round);
            }
        }
    }

    private static float[] floats(Tensor t) {
        return ((Storage.FloatStorage) t.contiguous().storage).a;
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
        return b;
    }
}
