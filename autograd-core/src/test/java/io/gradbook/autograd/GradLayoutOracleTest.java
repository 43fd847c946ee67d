// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * norm_backward's and std_backward's in-place masked_fill_ (oracle/grad_layout.json, make_grad_layout.py): the filled
 * quotient keeps its layout, and a broadcast operand's gradient is then summed in PyTorch's order, bit for bit
 * (fuzz seed 6226). Each case is replayed as a fuzz case (FuzzReplay).
 */
class GradLayoutOracleTest {
    @TestFactory
    Stream<DynamicTest> gradientsMatchPyTorch() {
        return FuzzReplay.oracleTests("grad_layout.json");
    }
}
