// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzz cases (oracle/fuzz.json) that still differ from PyTorch 1.13.1, grouped by cause, as SweepGaps: each group
 * names its cases, the kinds of difference it allows (FuzzReplay's prefixes: "values", "stride", "grad_fn") and
 * the most a value may be off in ULPs. A listed case must still differ (FuzzTest fails once it matches, so fixing
 * a cause means deleting its cases here) and may differ only in the listed kinds, within the bound.
 */
final class FuzzGaps {
    private FuzzGaps() {}

    private record Gap(String reason, List<String> kinds, long maxUlps, List<String> cases) {}

    private static final List<Gap> GAPS = List.of(
            // fuzz_wide.json (make_fuzz_wide.py)
            new Gap("sort keeps a dense input's layout (x.t().sort(1) has x.t()'s strides, and an element-wise op after it"
                    + " keeps them); Gradbook's sort results are row-major. The values match", List.of("stride"), 0,
                    List.of("wide 121", "wide 145")),
            new Gap("float32 pow with a tensor exponent or a scalar base: 1 ulp on about one element in 20-100 (23 cases in"
                    + " seeds 251-2000); not traced yet (PyTorch's vectorized body is Sleef_powf8_u10, its scalar tail"
                    + " std::pow: the first place to look)", List.of("values"), 2,
                    List.of("wide 280", "wide 972")),
            new Gap("the second derivative of var/std (create_graph), up to 16 ulp (10 cases in seeds 251-2000; first-order"
                    + " gradients match): not traced yet; a likely cause is that PyTorch's var_backward multiplies the"
                    + " unsqueezed, not expanded, grad by 2/(n - correction), so its double backward sums in another order",
                    List.of("values"), 16, List.of("wide 359", "wide 1426")),
            new Gap("the sign of zero in second derivatives of p-norms (p = inf, 1.5, 0.5, 3; 8 cases in seeds 251-2000):"
                    + " PyTorch gives -0.0 where Gradbook gives +0.0 (values otherwise equal); not traced (abs's was an"
                    + " efficient zero tensor, EfficientZeros: norm_backward may hold more)", List.of("values"), 0,
                    List.of("wide 553", "wide 1234")),
            new Gap("kthvalue/topk indices among equal values: which of the tied elements 1.13's quickselect / partial sort"
                    + " returns is its algorithm's accident; Gradbook returns another of them (the values match)",
                    List.of("values"), Long.MAX_VALUE - 1, List.of("wide 402", "wide 1282")),
            new Gap("grad_fn names inside a create_graph gradient: min(dim)/max(dim)'s backward is a scatter into zeros in"
                    + " PyTorch (ScatterBackward0) and median()'s a masked_fill_ (MaskedFillBackward1); Gradbook's give the"
                    + " same values through where (WhereBackward0)", List.of("grad_fn"), 0, List.of("wide 1577", "wide 1581")),
            new Gap("p-norms other than 2 (p = 3, 0.5) over float64 rows of 183 elements: 1-2 ulp on one row; not traced"
                    + " (PNormOps' accumulation order against PyTorch's)", List.of("values"), 2, List.of("wide 590", "wide 973")),
            new Gap("cumprod's gradient where the input has zeros: PyTorch 1.13's cumprod_backward handles the first zero"
                    + " of each row with its own formula, Gradbook's cumprodGradWithZeros with exclusive products (1 ulp)",
                    List.of("values"), 1, List.of("wide 1170")));

    static final Map<String, Gap> CASES = new LinkedHashMap<>();

    static {
        for (Gap g : GAPS) for (String c : g.cases()) if (CASES.put(c, g) != null) throw new IllegalStateException("listed twice: " + c);
    }

    static String reason(String name) {
        Gap g = CASES.get(name);
        return g == null ? null : g.reason();
    }

    private static final Pattern MAX = Pattern.compile("max (\\d+) ulp");

    /** Whether one difference FuzzReplay found is within the case's gap: an allowed kind, values at most the bound. */
    static boolean allows(String name, String difference) {
        Gap g = CASES.get(name);
        if (g == null) return false;
        String kind = difference.substring(0, Math.max(0, difference.indexOf(':')));
        if (!g.kinds().contains(kind)) return false;
        if (!kind.equals("values")) return true;
        if (difference.contains("NaN vs number")) return g.maxUlps() == Long.MAX_VALUE;
        Matcher m = MAX.matcher(difference);
        if (!m.find()) return false;
        do {
            if (Long.parseLong(m.group(1)) > g.maxUlps()) return false;
        } while (m.find());
        return true;
    }
}
