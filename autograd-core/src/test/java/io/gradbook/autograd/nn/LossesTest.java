// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every loss of losses[] in nn.json, in every reduction: value, input gradient, grad_fn name, printed form. */
class LossesTest {
    static Tensor t(String name) {
        return Oracle.tensor(Oracle.json().get("loss_tensors").get(name));
    }

    static final Map<String, Function<String, Loss>> BUILD = Map.ofEntries(
            Map.entry("mse", MSELoss::new),
            Map.entry("l1", L1Loss::new),
            Map.entry("smooth_l1", SmoothL1Loss::new),
            Map.entry("smooth_l1_beta0.5", r -> new SmoothL1Loss(r, 0.5)),
            Map.entry("huber", HuberLoss::new),
            Map.entry("huber_delta0.7", r -> new HuberLoss(r, 0.7)),
            Map.entry("cross_entropy", CrossEntropyLoss::new),
            Map.entry("cross_entropy_weight", r -> new CrossEntropyLoss(r).weight(t("W5"))),
            Map.entry("cross_entropy_ignore", r -> new CrossEntropyLoss(r).ignoreIndex(4)),
            Map.entry("cross_entropy_smooth", r -> new CrossEntropyLoss(r).labelSmoothing(0.1)),
            Map.entry("cross_entropy_smooth_weight", r -> new CrossEntropyLoss(r).weight(t("W5")).labelSmoothing(0.2)),
            Map.entry("cross_entropy_probs", CrossEntropyLoss::new),
            Map.entry("cross_entropy_probs_smooth", r -> new CrossEntropyLoss(r).labelSmoothing(0.1)),
            Map.entry("cross_entropy_probs_weight", r -> new CrossEntropyLoss(r).weight(t("W5"))),
            Map.entry("nll", NLLLoss::new),
            Map.entry("nll_weight", r -> new NLLLoss(r).weight(t("W5"))),
            Map.entry("nll_ignore", r -> new NLLLoss(r).ignoreIndex(0)),
            Map.entry("bce", BCELoss::new),
            Map.entry("bce_weight", r -> new BCELoss(r).weight(t("W5"))),
            Map.entry("bce_logits", BCEWithLogitsLoss::new),
            Map.entry("bce_logits_pos_weight", r -> new BCEWithLogitsLoss(r).posWeight(t("POSW"))),
            Map.entry("bce_logits_weight", r -> new BCEWithLogitsLoss(r).weight(t("W5"))),
            Map.entry("kl_div", KLDivLoss::new));

    static final class Run {
        Loss loss;
        Tensor x, y;
    }

    static Run run(JsonNode c) {
        Run r = new Run();
        String in = c.get("input").asText();
        r.x = in.equals("X2") ? t("X").mul(2) : t(in);
        r.x.requiresGrad_();
        r.loss = BUILD.get(c.get("id").asText()).apply(c.get("reduction").asText());
        r.y = r.loss.forward(r.x, t(c.get("target").asText()));
        r.y.backward(Oracle.tensor(c.get("grad")));
        return r;
    }

    @TestFactory
    Stream<DynamicTest> losses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("losses")) {
            String id = c.get("id").asText() + " " + c.get("reduction").asText();
            tests.add(DynamicTest.dynamicTest(id + ": value and gradient within tolerance, repr", () -> {
                Run r = run(c);
                assertEquals(c.get("repr").asText(), r.loss.toString());
                Oracle.assertClose(c.get("output"), r.y, id + " output", 1e-5, 1e-6);
                Oracle.assertClose(c.get("input_grad"), r.x.grad(), id + " input grad", 1e-5, 1e-6);
            }));
            tests.add(DynamicTest.dynamicTest(id + ": grad_fn name", () -> assertEquals(c.get("grad_fn").asText(), run(c).y.gradFn().name())));
            String gap = KnownGaps.CASES.get(id);
            tests.add(DynamicTest.dynamicTest(id + (gap == null ? ": bit for bit" : ": within " + KnownGaps.MAX_ULPS + " ULP (known gap: " + gap + ")"), () -> {
                Run r = run(c);
                if (gap == null) {
                    Oracle.assertExact(c.get("output"), r.y, id + " output");
                    Oracle.assertExact(c.get("input_grad"), r.x.grad(), id + " input grad");
                } else {
                    Oracle.assertWithinUlps(c.get("output"), r.y, id + " output", KnownGaps.MAX_ULPS);
                    Oracle.assertWithinUlps(c.get("input_grad"), r.x.grad(), id + " input grad", KnownGaps.MAX_ULPS);
                }
            }));
        }
        return tests.stream();
    }
}
