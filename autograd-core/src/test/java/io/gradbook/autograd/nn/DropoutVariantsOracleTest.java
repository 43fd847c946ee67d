// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.OracleFiles;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;
import io.gradbook.autograd.Warnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The dropout family against PyTorch 1.13.1 ({@code oracle/dropout_variants.json}, written by
 * {@code make_dropout_variants.py}): F.dropout1d/2d/3d, F.alpha_dropout, F.feature_alpha_dropout (out of place, in
 * place, eval, p = 1) and the modules, float32 and float64, after {@code manualSeed}: output bits, node, same tensor
 * back, version bump, the leaf's gradient bits and the generator's next draws; errors, warnings and reprs (the
 * unbatched in-place dropout1d too: SqueezeBackward3 and 3 version bumps, as PyTorch's unsqueeze_/squeeze_ give).
 */
class DropoutVariantsOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("dropout_variants.json");
    private static final Set<String> NODE_GAP = Set.of();

    private static final Map<String, UnaryOperator<Tensor>> FORMS = new LinkedHashMap<>();
    static {
        FORMS.put("d1_batched", h -> F.dropout1d(h, 0.3, true));
        FORMS.put("d1_unbatched", h -> F.dropout1d(h, 0.3, true));
        FORMS.put("d1_inplace_batched", h -> F.dropout1d(h, 0.3, true, true));
        FORMS.put("d1_inplace_unbatched", h -> F.dropout1d(h, 0.3, true, true));
        FORMS.put("d2_4d", h -> F.dropout2d(h, 0.4, true));
        FORMS.put("d2_3d", h -> F.dropout2d(h, 0.4, true));
        FORMS.put("d2_inplace", h -> F.dropout2d(h, 0.4, true, true));
        FORMS.put("d3_5d", h -> F.dropout3d(h, 0.5, true));
        FORMS.put("d3_unbatched", h -> F.dropout3d(h, 0.5, true));
        FORMS.put("d3_p1", h -> F.dropout3d(h, 1.0, true));
        FORMS.put("alpha", h -> F.alphaDropout(h, 0.2, true));
        FORMS.put("alpha_inplace", h -> F.alphaDropout(h, 0.2, true, true));
        FORMS.put("alpha_eval", h -> F.alphaDropout(h, 0.2, false));
        FORMS.put("alpha_p1", h -> F.alphaDropout(h, 1.0, true));
        FORMS.put("feature_alpha", h -> F.featureAlphaDropout(h, 0.3, true));
        FORMS.put("feature_alpha_inplace", h -> F.featureAlphaDropout(h, 0.3, true, true));
        FORMS.put("m_dropout2d", h -> new Dropout2d(0.3).forward(h));
        FORMS.put("m_dropout1d_inplace", h -> new Dropout1d(0.3, true).forward(h));
        FORMS.put("m_dropout3d_eval", h -> {
            Module m = new Dropout3d(0.3);
            m.eval();
            return m.forward(h);
        });
        FORMS.put("m_alpha", h -> new AlphaDropout(0.2).forward(h));
        FORMS.put("m_feature_alpha_inplace_flag", h -> new FeatureAlphaDropout(0.5, true).forward(h));
    }

    @TestFactory
    List<DynamicTest> formsBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String form = c.get("form").asText();
            tests.add(DynamicTest.dynamicTest(form + " " + c.get("x").get("dtype").asText(), () -> OracleFiles.assertSeededForm(c, form, FORMS.get(form), true, !NODE_GAP.contains(form))));
        }
        return tests;
    }

    private static void assertError(String key, Executable f) {
        TorchException e = assertThrows(TorchException.class, f);
        assertEquals(ROOT.get("errors").get(key).asText(), e.getClass().getSimpleName() + ": " + e.getMessage(), key);
    }

    @Test
    void errorsWarningsAndReprs() {
        assertError("d1_1d", () -> F.dropout1d(Torch.randn(4), 0.5, true));
        assertError("d1_4d", () -> F.dropout1d(Torch.randn(2, 3, 4, 5), 0.5, true));
        assertError("alpha_p", () -> F.alphaDropout(Torch.randn(3), -0.5, true));
        assertError("d2_p", () -> F.dropout2d(Torch.randn(2, 3, 4), 1.5, true));
        assertError("module_p", () -> new AlphaDropout(2.0));
        assertError("feature_alpha_1d", () -> F.featureAlphaDropout(Torch.randn(5), 0.5, true));
        List<String> seen = new ArrayList<>();
        Warnings.setHandler((category, message, caller) -> seen.add(message));
        try {
            Warnings.reset();
            F.dropout2d(Torch.randn(2, 3, 4), 0.5, true);
            assertEquals(List.of(ROOT.get("warnings").get("d2_3d").get(0).asText()), seen);
            seen.clear();
            F.dropout2d(Torch.randn(3, 4), 0.5, true);
            assertEquals(List.of(ROOT.get("warnings").get("d2_2d").get(0).asText()), seen);
            seen.clear();
            F.dropout3d(Torch.randn(2, 3, 4), 0.5, true);
            assertEquals(List.of(ROOT.get("warnings").get("d3_3d").get(0).asText()), seen);
        } finally {
            Warnings.setHandler(null);
            Warnings.reset();
        }
        JsonNode r = ROOT.get("reprs");
        assertEquals(r.get("d1").asText(), new Dropout1d().toString());
        assertEquals(r.get("d2").asText(), new Dropout2d(0.3, true).toString());
        assertEquals(r.get("d3").asText(), new Dropout3d(0.25).toString());
        assertEquals(r.get("alpha").asText(), new AlphaDropout().toString());
        assertEquals(r.get("feature_alpha").asText(), new FeatureAlphaDropout(0.2, true).toString());
    }
}
