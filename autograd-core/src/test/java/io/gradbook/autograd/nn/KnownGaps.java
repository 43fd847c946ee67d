// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import java.util.Map;

/**
 * The nn cases whose float32 results do not yet match PyTorch's bits, each with why. Their "bit for bit" test
 * checks them within a few float32 ULP instead (and every other case exactly), so a regression still fails and
 * closing a gap means deleting its line here. README lists the same gaps.
 */
final class KnownGaps {
    private KnownGaps() {}

    /** ULPs allowed for a known gap: another summation or evaluation order, amplified where a gradient cancels to near 0 (up to 32 seen). */
    static final int MAX_ULPS = 64;

    /** None left: LayerNorm and BatchNorm run PyTorch's kernels since oracle/norms.json (NormsTest). */
    static final Map<String, String> CASES = Map.of();
}
