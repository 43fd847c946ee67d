// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * torch.cdist's values and first gradients against 1.13.1's Dist kernel and _cdist_backward (oracle/cdist.json,
 * make_cdist.py, 76 cases: each p of 0, 0.5, 1, 1.5, 2, 3, inf in float32 and float64 over 2-D, batched broadcast,
 * expanded (all columns tied) and self-sliced operands; CdistKernels; fuzz case more 246; and 6 of p = 2 with more than
 * 25 rows, _euclidean_dist: LinalgMoreOps.euclideanDist). Each case is replayed as a
 * fuzz case (FuzzReplay).
 */
class CdistOracleTest {
    @TestFactory
    Stream<DynamicTest> cdistMatchesPyTorch() {
        return FuzzReplay.oracleTests("cdist.json");
    }
}
