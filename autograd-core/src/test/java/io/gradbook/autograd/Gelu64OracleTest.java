// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * F.gelu ("none" and "tanh") on float64 (oracle/gelu64.json, make_gelu64.py, 16 cases): ATen's kernels for doubles,
 * SLEEF's erf and exp (tanh) on a contiguous run's vector body, glibc's on its tail and on strided runs, the erf
 * backward's fused multiply-add in the vector code only, the tanh form's kKappa multiply-add in both (fuzz cases more
 * 316, 5261, 5601). Each case is replayed as a fuzz case (FuzzReplay).
 */
class Gelu64OracleTest {
    @TestFactory
    Stream<DynamicTest> gradientsMatchPyTorch() {
        return FuzzReplay.oracleTests("gelu64.json");
    }
}
