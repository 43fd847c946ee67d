// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * F.nll_loss / F.cross_entropy of (N, C, d1, ...) inputs (oracle/nll_nd.json, make_nll_nd.py): 1.13's nll_loss2d
 * path, its cascade over the (b, position) pairs, node NllLoss2DBackward0 (ViewBackward0 over it for reduction
 * "none" of a 3-D or 5-D input), values and gradients bit for bit, and the size checks' texts (fuzz cases more 68,
 * 175, 191). Each case is replayed as a fuzz case (FuzzReplay).
 */
class NllNdOracleTest {
    @TestFactory
    Stream<DynamicTest> lossesMatchPyTorch() {
        return FuzzReplay.oracleTests("nll_nd.json");
    }
}
