// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * create_graph through activations, losses and element-wise math against PyTorch 1.13.1 (oracle/double_backward.json,
 * made by oracle/make_double_backward.py): each op's first gradient, taken with create_graph and an upstream gradient
 * that is itself a leaf requiring grad, has 1.13's node (its own backward op, TanhBackwardBackward0,
 * MseLossBackwardBackward0, ...), next_functions, requires_grad and bits; the second gradient, of sum(first * w), with
 * respect to the input, the upstream gradient and a loss's target, has 1.13's bits, or raises 1.13's error.
 */
class DoubleBackwardOracleTest {
    private static final Map<String, UnaryOperator<Tensor>> UNARY = Map.ofEntries(
            Map.entry("tanh", Tensor::tanh),
            Map.entry("sigmoid", Tensor::sigmoid),
            Map.entry("relu", Tensor::relu),
            Map.entry("gelu", Torch::gelu),
            Map.entry("gelu_tanh", x -> Torch.gelu(x, "tanh")),
            Map.entry("silu", Torch::silu),
            Map.entry("mish", Torch::mish),
            Map.entry("elu", x -> Torch.elu(x)),
            Map.entry("elu_half", x -> Torch.elu(x, 0.5)),
            Map.entry("selu", Torch::selu),
            Map.entry("celu", x -> Torch.celu(x, 2.0)),
            Map.entry("leaky_relu", x -> Torch.leakyRelu(x, 0.2)),
            Map.entry("hardtanh", x -> Torch.hardtanh(x, -0.5, 1.5)),
            Map.entry("relu6", Torch::relu6),
            Map.entry("hardswish", Torch::hardswish),
            Map.entry("hardsigmoid", Torch::hardsigmoid),
            Map.entry("logsigmoid", Torch::logSigmoid),
            Map.entry("softplus", x -> Torch.softplus(x)),
            Map.entry("softplus_beta", x -> Torch.softplus(x, 2.0, 1.0)),
            Map.entry("hardshrink", x -> Torch.hardshrink(x, 0.5)),
            Map.entry("softshrink", x -> Torch.softshrink(x, 0.5)),
            Map.entry("threshold", x -> Torch.threshold(x, 0.5, -1.0)),
            Map.entry("softsign", Torch::softsign),
            Map.entry("tanhshrink", Torch::tanhshrink),
            Map.entry("rrelu_eval", x -> RReluOps.rrelu(x, 1.0 / 8, 1.0 / 3, false, null)),
            Map.entry("elu_", x -> InPlaceActivations.elu_(x.clone(), 1.0)),
            Map.entry("selu_", x -> InPlaceActivations.selu_(x.clone())),
            Map.entry("celu_", x -> InPlaceActivations.celu_(x.clone(), 1.5)),
            Map.entry("leaky_relu_", x -> InPlaceActivations.leakyRelu_(x.clone(), 0.2)),
            Map.entry("rrelu_eval_", x -> RReluOps.rrelu_(x.clone(), 1.0 / 8, 1.0 / 3, false, null)),
            Map.entry("hardtanh_", x -> InPlaceActivations.hardtanh_(x.clone(), -0.5, 0.5)),
            Map.entry("threshold_", x -> InPlaceActivations.threshold_(x.clone(), 0.1, 2.0)),
            Map.entry("relu_", x -> InPlaceActivations.relu_(x.clone())),
            Map.entry("sigmoid_", x -> x.clone().sigmoid_()),
            Map.entry("tanh_", x -> x.clone().tanh_()),
            Map.entry("hardswish_", x -> InPlaceActivations.hardswish_(x.clone())),
            Map.entry("tanh_t", x -> x.t().tanh()),
            Map.entry("sigmoid_t", x -> x.t().sigmoid()),
            Map.entry("gelu_tanh_t", x -> Torch.gelu(x.t(), "tanh")),
            Map.entry("softplus_t", x -> Torch.softplus(x.t())),
            Map.entry("elu_t", x -> Torch.elu(x.t())),
            Map.entry("hardswish_t", x -> Torch.hardswish(x.t())),
            Map.entry("softmax", x -> Torch.softmax(x, 1)),
            Map.entry("log_softmax", x -> Torch.logSoftmax(x, 1)));

    private interface Loss {
        Tensor apply(Tensor x, Tensor t, String reduction);
    }

    private static final Map<String, Loss> LOSS = Map.of(
            "mse_loss", Torch::mseLoss,
            "huber_loss", (x, t, r) -> Torch.huberLoss(x, t, r, 1.0),
            "huber_loss_half", (x, t, r) -> Torch.huberLoss(x, t, r, 0.5),
            "smooth_l1_loss", (x, t, r) -> Torch.smoothL1Loss(x, t, r, 1.0),
            "smooth_l1_loss_half", (x, t, r) -> Torch.smoothL1Loss(x, t, r, 0.5),
            "binary_cross_entropy", (x, t, r) -> Torch.binaryCrossEntropy(x, t, null, r),
            "bce_with_logits", (x, t, r) -> Torch.binaryCrossEntropyWithLogits(x, t, null, r, null),
            // prelu's weight as the second input (recorded with reduction "none")
            "prelu_1", (x, t, r) -> MoreActivations.prelu(x, t),
            "prelu_9", (x, t, r) -> MoreActivations.prelu(x, t));

    @TestFactory
    Stream<DynamicTest> createGraphMatchesPyTorch() {
        JsonNode all = OracleFiles.json("double_backward.json");
        assertEquals(1, all.get("threads").asInt(), "recorded with one intra-op thread");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : all.get("cases")) {
            String name = c.get("op").asText() + (c.has("reduction") ? " " + c.get("reduction").asText() : "") + " " + c.get("x").get("dtype").asText()
                    + (c.has("sum") ? " of y.sum()" : "");
            tests.add(DynamicTest.dynamicTest(name, () -> check(name, c)));
        }
        return tests.stream();
    }

    private static void check(String name, JsonNode c) {
        Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_(true);
        // "sum": grad(y.sum(), ...), whose upstream gradient requires no grad (a None edge); else a recorded leaf u
        Tensor u = c.has("sum") ? null : OracleFiles.tensor(c.get("u")).requiresGrad_(true);
        List<Tensor> wrt = new ArrayList<>(List.of(x));
        Tensor y;
        if (c.has("t")) {
            Tensor t = OracleFiles.tensor(c.get("t")).requiresGrad_(true);
            wrt.add(t);
            Loss loss = LOSS.get(c.get("op").asText());
            assertNotNull(loss, name);
            y = loss.apply(x, t, c.get("reduction").asText());
        } else {
            UnaryOperator<Tensor> f = UNARY.get(c.get("op").asText());
            assertNotNull(f, name);
            y = f.apply(x);
        }
        List<Tensor> firsts = u == null ? Autograd.grad(List.of(y.sum()), wrt, null, true, true, false)
                : Autograd.grad(List.of(y), wrt, List.of(u), true, true, false);
        Tensor total = null;
        for (int i = 0; i < firsts.size(); i++) {
            JsonNode want = c.get("first").get(i);
            Tensor g = firsts.get(i);
            String what = name + " first gradient " + i;
            assertEquals(want.get("grad_fn").asText(), g.gradFn() == null ? "null" : g.gradFn().name(), what + " grad_fn");
            List<String> next = new ArrayList<>();
            if (g.gradFn() != null) for (Edge e : g.gradFn().nextFunctions()) next.add(e.node() == null ? null : e.node().name());
            List<String> wantNext = new ArrayList<>();
            for (JsonNode n : want.get("next")) wantNext.add(n.isNull() ? null : n.asText());
            assertEquals(wantNext, next, what + " next_functions");
            assertEquals(want.get("requires_grad").asBoolean(), g.requiresGrad(), what + " requires_grad");
            OracleFiles.assertSameBits(OracleFiles.tensor(want.get("value")), g, what);
            Tensor term = g.mul(OracleFiles.tensor(c.get("w").get(i))).sum();
            total = total == null ? term : total.add(term);
        }
        List<Tensor> second = new ArrayList<>(wrt);
        if (u != null) second.add(u);
        Tensor loss2 = total;
        if (c.has("second_error")) {
            TorchException e = assertThrows(TorchException.class, () -> Autograd.grad(List.of(loss2), second, null, false, false, true), name);
            assertEquals(c.get("second_error").asText(), e.getMessage(), name + " second gradient's error");
            return;
        }
        List<Tensor> seconds = Autograd.grad(List.of(loss2), second, null, false, false, true);
        for (int i = 0; i < seconds.size(); i++) {
            JsonNode want = c.get("second").get(i);
            String what = name + " second gradient " + i;
            if (want.isNull()) assertNull(seconds.get(i), what);
            else OracleFiles.assertSameBits(OracleFiles.tensor(want), seconds.get(i), what);
        }
    }
}
