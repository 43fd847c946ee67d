// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} (and with it under {@code -Dgradbook.simd=false}) the library
 * still loads and computes: math.Simd never touches the Vector API classes, and the scalar loops give the same
 * bits the vector ones give in this (module-enabled) test JVM.
 */
class SimdFallbackTest {
    /** Run in a child JVM: prints whether SIMD is on, then the bits of a few kernels over fixed inputs. */
    public static void main(String[] args) {
        System.out.println(Simd.available() + " " + Simd.enabled());
        System.out.println(bits());
    }

    static String bits() {
        float[] x = new float[37], y = new float[37];
        for (int i = 0; i < x.length; i++) x[i] = (float) (Math.sin(i * 1.7) * 9);
        StringBuilder sb = new StringBuilder();
        float[][] outs = new float[9][];
        Float32Unary.exp(x, 0, y, 0, x.length);
        outs[0] = y.clone();
        Float32Unary.sin(x, 0, y, 0, x.length);
        outs[1] = y.clone();
        Float32Unary.tanh(x, 0, y, 0, x.length);
        outs[2] = y.clone();
        Float32Unary.sigmoid(x, 0, y, 0, x.length);
        outs[3] = y.clone();
        Float32Softmax.logSoftmax(x, 0, y, 0, 1, x.length, 1);
        outs[4] = y.clone();
        // the MLP step's loops take their vector path from Float32Arith.MIN_VECTOR_RUN elements
        int m = Float32Arith.MIN_VECTOR_RUN + 37;
        float[] u = new float[m], g = new float[m], z = new float[m];
        for (int i = 0; i < m; i++) {
            u[i] = (float) (Math.sin(i * 1.7) * 9);
            g[i] = (float) Math.cos(i * 0.9);
        }
        Float32Unary.relu(u, 0, z, 0, m);
        outs[5] = z.clone();
        Float32Select.thresholdBackward(g, 0, u, 0, z, 0, m);
        outs[6] = z.clone();
        Float32Arith.div(z, 0, u, 0, g, 0, 1, m);
        outs[7] = z.clone();
        Float32Arith.addAlpha(z, 0, u, 0, g, 3, 0, m, 0.3f);
        outs[8] = z.clone();
        for (float[] o : outs) for (float v : o) sb.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(',');
        return sb.toString();
    }

    static List<String> child(String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SimdFallbackTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "child JVM " + cmd + " failed: " + out);
        return List.of(out.split("\n"));
    }

    @Test
    void withoutTheModuleTheScalarLoopsRunWithTheSameBits() throws Exception {
        String here = bits();
        List<String> none = child();
        assertEquals("false false", none.get(0).trim());
        assertEquals(here, none.get(1).trim());
        List<String> off = child("--add-modules", "jdk.incubator.vector", "-Dgradbook.simd=false");
        assertEquals("false false", off.get(0).trim());
        assertEquals(here, off.get(1).trim());
    }
}
