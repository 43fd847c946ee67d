// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.OracleFiles;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * In-place dropout against PyTorch 1.13.1 ({@code oracle/dropout_inplace.json}, written by
 * {@code make_dropout_inplace.py}): F.dropout(inplace=True) and nn.Dropout(inplace=True) on a clone of a leaf, float32
 * and float64, shapes (7), (40, 25) and (0, 3), p = 0.3, 0.5, 1, 0 and eval mode: the same tensor back, its bits
 * (the mask from the default generator after {@code manualSeed}), node, version bump, the leaf's gradient bits and the
 * generator's next three draws; a view of a non-leaf (CopySlices), a leaf under no_grad, the error texts and reprs.
 */
class DropoutInPlaceOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("dropout_inplace.json");

    private static final Map<String, UnaryOperator<Tensor>> FORMS = new LinkedHashMap<>();
    static {
        FORMS.put("f_p03", h -> F.dropout(h, 0.3, true, true));
        FORMS.put("f_p05_default_training", h -> F.dropout(h, 0.5, true, true));
        FORMS.put("f_p1", h -> F.dropout(h, 1.0, true, true));
        FORMS.put("f_p0", h -> F.dropout(h, 0.0, true, true));
        FORMS.put("f_eval", h -> F.dropout(h, 0.5, false, true));
        FORMS.put("module", h -> new Dropout(0.25, true).forward(h));
        FORMS.put("module_eval", h -> {
            Module m = new Dropout(0.25, true);
            m.eval();
            return m.forward(h);
        });
    }

    @TestFactory
    List<DynamicTest> formsBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String form = c.get("form").asText();
            tests.add(DynamicTest.dynamicTest(form + " " + c.get("x").get("dtype").asText() + " " + c.get("x").get("shape"), () -> OracleFiles.assertSeededForm(c, form, FORMS.get(form), true, true)));
        }
        return tests;
    }

    @Test
    void viewOfANonLeafRewritesTheBasesHistory() {
        JsonNode v = ROOT.get("view");
        Torch.manualSeed(7);
        Tensor leaf = OracleFiles.tensor(v.get("x")).requiresGrad_(true);
        Tensor base = leaf.mul(2L);
        F.dropout(base.slice(0, 1, 3), 0.4, true, true);
        assertEquals(v.get("grad_fn").asText(), base.gradFn().name());
        assertEquals(v.get("version").asInt(), base.version());
        OracleFiles.assertSameBits(OracleFiles.tensor(v.get("base")), base, "base");
        base.sum().backward();
        OracleFiles.assertSameBits(OracleFiles.tensor(v.get("grad")), leaf.grad(), "leaf grad");
    }

    @Test
    void leafUnderNoGrad() {
        JsonNode v = ROOT.get("no_grad");
        Torch.manualSeed(8);
        Tensor leaf = OracleFiles.tensor(v.get("x")).requiresGrad_(true);
        try (var g = Torch.noGrad()) {
            F.dropout(leaf, 0.5, true, true);
        }
        OracleFiles.assertSameBits(OracleFiles.tensor(v.get("y")), leaf.detach(), "leaf");
        assertEquals(v.get("version").asInt(), leaf.version());
        assertEquals(v.get("requires_grad").asBoolean(), leaf.requiresGrad());
    }

    private static void assertError(String key, Executable f) {
        TorchException e = assertThrows(TorchException.class, f);
        assertEquals(ROOT.get("errors").get(key).asText(), e.getClass().getSimpleName() + ": " + e.getMessage(), key);
    }

    @Test
    void errorsAndReprs() {
        assertError("leaf", () -> F.dropout(Torch.randn(3).requiresGrad_(true), 0.5, true, true));
        assertError("view_of_leaf", () -> F.dropout(Torch.randn(3).requiresGrad_(true).slice(0, 1, 3), 0.5, true, true));
        assertEquals(true, ROOT.get("errors").get("leaf_eval").isNull());
        Tensor leaf = Torch.randn(3).requiresGrad_(true);
        assertSame(leaf, F.dropout(leaf, 0.5, false, true));
        assertError("p_range", () -> F.dropout(Torch.randn(3), 1.5, true, true));
        assertError("module_p_range", () -> new Dropout(-0.1, true));
        JsonNode r = ROOT.get("reprs");
        assertEquals(r.get("inplace").asText(), new Dropout(0.5, true).toString());
        assertEquals(r.get("p02_inplace").asText(), new Dropout(0.2, true).toString());
        assertEquals(r.get("default").asText(), new Dropout().toString());
    }
}
