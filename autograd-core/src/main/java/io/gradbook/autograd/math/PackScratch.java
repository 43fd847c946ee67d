// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.concurrent.ConcurrentLinkedDeque;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Off-heap packing buffers for the products that run OpenBLAS's packing and kernels themselves ({@link
 * SgemmInnerThread}, {@link SharedPackSgemm}): one for packed A, one for packed B, page-aligned as OpenBLAS aligns its
 * own. Kept between products in a pool, because the first touch of fresh memory is slow; a buffer grown past
 * {@link NativeGemm#KEEP} floats is freed when it comes back.
 */
final class PackScratch {
    private static final ConcurrentLinkedDeque<PackScratch> FREE = new ConcurrentLinkedDeque<>();

    final Buffer a = new Buffer(), b = new Buffer();

    private PackScratch() {}

    /** A pair no product is using (a new one when the pool is empty). */
    static PackScratch take() {
        PackScratch s = FREE.pollFirst();
        return s != null ? s : new PackScratch();
    }

    /** Back to the pool, once every thread of the product is done with it. */
    void giveBack() {
        a.trim();
        b.trim();
        FREE.offerFirst(this);
    }

    /** Off-heap floats at a page-aligned address, grown on demand. */
    static final class Buffer {
        private FloatPointer memory;
        private long aligned, capacity;

        long address(long floats) {
            if (memory == null || capacity < floats) {
                if (memory != null) memory.close();
                memory = new FloatPointer(Math.max(floats, 64) + 1024);
                aligned = (memory.address() + 4095) & ~4095L;
                capacity = Math.max(floats, 64);
            }
            return aligned;
        }

        private void trim() {
            if (memory != null && capacity > NativeGemm.KEEP) {
                memory.close();
                memory = null;
                capacity = 0;
            }
        }
    }
}
