// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Float32 activations and unary ops over expanded (stride-0) inputs in cpu_kernel_vec's runs (oracle/expanded_runs.json,
 * make_expanded_runs.py, 33 cases: Float32Runs.applyExpanded; fuzz cases more 572, 2659). Each case is replayed as a fuzz
 * case (FuzzReplay).
 */
class ExpandedRunsOracleTest {
    @TestFactory
    Stream<DynamicTest> gradientsMatchPyTorch() {
        return FuzzReplay.oracleTests("expanded_runs.json");
    }
}
