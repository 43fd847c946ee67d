// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // HaswellSgemm, PackScratch are package-private

/**
 * The cost of one FFM downcall into OpenBLAS's Haswell sgemm kernel (HaswellSgemm.kernel on an 8 x 1 x 1 block, so the
 * call is nearly all there is), a million calls per round: the split makes ~220 a thread at n = 1024.
 * {@code javac -d /tmp/out -cp 'kernel/target/lib/*' bench/DowncallCost.java; OPENBLAS_CORETYPE=Haswell java
 * --enable-native-access=ALL-UNNAMED -cp 'kernel/target/lib/*:/tmp/out' io.gradbook.autograd.math.DowncallCost}
 */
public final class DowncallCost {
    public static void main(String[] a) throws Exception {
        FfmGemm.available(); HaswellSgemm.bind();
        PackScratch s = PackScratch.take();
        long sa = s.a.address(1024), sb = s.b.address(1024);
        float[] c = new float[64];
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) HaswellSgemm.kernel(8, 1, 1, 1f, sa, sb, c, 0, 8);
            long t1 = System.nanoTime();
            System.out.printf("kernel(8,1,1) call: %.1f ns%n", (t1 - t0) / 1e6);
        }
    }
}
