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

    private static final String MOMENTS = "PyTorch normalizes with its own rowwise moments (Welford over vector lanes); ours are mean and var ops";

    static final Map<String, String> CASES = Map.ofEntries(
            Map.entry("layernorm", MOMENTS), Map.entry("layernorm_2d", MOMENTS), Map.entry("layernorm_noaffine", MOMENTS),
            Map.entry("batchnorm_train", MOMENTS), Map.entry("batchnorm_train_3d", MOMENTS), Map.entry("batchnorm_eval", MOMENTS));
}
