// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every row of grad_fn_names.json: the same grad_fn name, requires_grad and next_functions as PyTorch. */
class GradFnNamesTest {
    /** The setup every row starts from (fresh, after manual_seed(0)). */
    static final class Setup {
        final Tensor x = randn(2, 3).requiresGrad_();
        final Tensor y = randn(2, 3).requiresGrad_();
        final Tensor v = randn(3).requiresGrad_();
        final Tensor m = randn(3, 4).requiresGrad_();
        final Tensor c = randn(2, 3);
        final Tensor target = rand(2, 3);
        final Tensor labels = tensor(0, 2);
    }

    private static final Map<String, Function<Setup, Tensor>> PORTS = new LinkedHashMap<>();

    private static void port(String python, Function<Setup, Tensor> java) {
        PORTS.put(python, java);
    }

    static {
        port("x + y", s -> s.x.add(s.y));
        port("x + 2", s -> s.x.add(2));
        port("2 + x", s -> add(s.x, 2));
        port("torch.add(x, y, alpha=2)", s -> add(s.x, s.y, 2));
        port("x - y", s -> s.x.sub(s.y));
        port("2 - x", s -> sub(2, s.x));
        port("x * y", s -> s.x.mul(s.y));
        port("x * 2", s -> s.x.mul(2));
        port("x / y", s -> s.x.div(s.y));
        port("x / 2", s -> s.x.div(2));
        port("2 / x", s -> div(2, s.x));
        port("x ** 2", s -> s.x.pow(2));
        port("x.pow(2.5)", s -> s.x.pow(2.5));
        port("x ** y", s -> s.x.pow(s.y));
        port("2 ** x", s -> full(new int[0], 2).pow(s.x));
        port("torch.pow(2, x)", s -> pow(2, s.x));
        port("torch.exp(x)", s -> exp(s.x));
        port("x.abs().log()", s -> s.x.abs().log());
        port("torch.sigmoid(x)", s -> sigmoid(s.x));
        port("torch.tanh(x)", s -> tanh(s.x));
        port("F.relu(x)", s -> relu(s.x));
        port("x.sum()", s -> s.x.sum());
        port("x.sum(dim=0)", s -> s.x.sum(0));
        port("x.mean()", s -> s.x.mean());
        port("x.mean(dim=1)", s -> s.x.mean(1));
        port("x.std()", s -> s.x.std());
        port("x.var()", s -> s.x.var());
        port("x.norm()", s -> s.x.norm());
        port("torch.linalg.norm(x)", s -> linalgNorm(s.x));
        port("torch.dot(v, v)", s -> dot(s.v, s.v));
        port("torch.matmul(v, v)", s -> matmul(s.v, s.v));
        port("torch.matmul(x, v)", s -> matmul(s.x, s.v));
        port("torch.matmul(v, m)", s -> matmul(s.v, s.m));
        port("x @ m", s -> s.x.matmul(s.m));
        port("torch.matmul(x.unsqueeze(0), m)", s -> matmul(s.x.unsqueeze(0), s.m));
        port("torch.mm(x, m)", s -> mm(s.x, s.m));
        port("torch.mv(x, v)", s -> mv(s.x, s.v));
        port("x.t()", s -> s.x.t());
        port("x.T", s -> s.x.T());
        port("x.view(3, 2)", s -> s.x.view(3, 2));
        port("x.reshape(3, 2)", s -> s.x.reshape(3, 2));
        port("x.t().reshape(6)", s -> s.x.t().reshape(6));
        port("x.flatten()", s -> s.x.flatten());
        port("x.transpose(0, 1)", s -> s.x.transpose(0, 1));
        port("x.permute(1, 0)", s -> s.x.permute(1, 0));
        port("x[0]", s -> s.x.get(0));
        port("x[0, 1]", s -> s.x.get(0, 1));
        port("x[:, 1]", s -> s.x.slice(0, 0, Integer.MAX_VALUE).select(1, 1));
        port("x[0:1]", s -> s.x.slice(0, 0, 1));
        port("x[:, 1:]", s -> s.x.slice(0, 0, Integer.MAX_VALUE).slice(1, 1, Integer.MAX_VALUE));
        port("x[x > 0]", s -> s.x.index(s.x.gt(0)));
        port("x[None]", s -> s.x.unsqueeze(0));
        port("z = torch.zeros(3)\nz[0] = v.sum()\nz", s -> {
            Tensor z = zeros(3);
            z.set(0, s.v.sum());
            return z;
        });
        port("z = v.clone()\nz[0] = 5.0\nz", s -> {
            Tensor z = s.v.clone();
            z.set(0, 5.0);
            return z;
        });
        port("x.clone()", s -> s.x.clone());
        port("x.detach()", s -> s.x.detach());
        port("x.t().contiguous()", s -> s.x.t().contiguous());
        port("x.unsqueeze(0)", s -> s.x.unsqueeze(0));
        port("x.unsqueeze(0).squeeze()", s -> s.x.unsqueeze(0).squeeze());
        port("x.unsqueeze(0).squeeze(0)", s -> s.x.unsqueeze(0).squeeze(0));
        port("v.expand(2, 3)", s -> s.v.expand(2, 3));
        port("x + v", s -> s.x.add(s.v));
        port("torch.cat([x, y])", s -> cat(List.of(s.x, s.y)));
        port("torch.stack([x, y])", s -> stack(List.of(s.x, s.y)));
        port("F.binary_cross_entropy_with_logits(x, target)", s -> binaryCrossEntropyWithLogits(s.x, s.target));
        port("F.binary_cross_entropy(torch.sigmoid(x), target)", s -> binaryCrossEntropy(sigmoid(s.x), s.target));
        port("F.mse_loss(x, y)", s -> mseLoss(s.x, s.y));
        port("F.l1_loss(x, y)", s -> l1Loss(s.x, s.y));
        port("F.cross_entropy(x, labels)", s -> crossEntropy(s.x, s.labels));
        port("F.nll_loss(F.log_softmax(x, dim=1), labels)", s -> nllLoss(logSoftmax(s.x, 1), s.labels));
        port("F.softmax(x, dim=1)", s -> softmax(s.x, 1));
        port("F.log_softmax(x, dim=1)", s -> logSoftmax(s.x, 1));
        port("-x", s -> s.x.neg());
        port("x.abs()", s -> s.x.abs());
        port("x.max()", s -> s.x.max());
        port("x.max(dim=0).values", s -> s.x.max(0).values());
        port("torch.max(x, y)", s -> max(s.x, s.y));
        port("x.min()", s -> s.x.min());
        port("x.abs().sqrt()", s -> s.x.abs().sqrt());
        port("x.clamp(min=0)", s -> s.x.clamp(0, Double.NaN)); // clampMin is x.clamp_min (ClampMinBackward0)
        port("torch.where(x > 0, x, y)", s -> where(s.x.gt(0), s.x, s.y));
        port("F.linear(x, m.t(), torch.zeros(4))", s -> linear(s.x, s.m.t(), zeros(4)));
        port("x.double()", s -> s.x.toDouble());
        port("x.clone().add_(1)", s -> s.x.clone().add_(1));
        port("x.clone().mul_(2)", s -> s.x.clone().mul_(2));
        port("x.unbind(0)[1]", s -> s.x.unbind(0).get(1));
        port("x * c", s -> s.x.mul(s.c));
    }

    @TestFactory
    Stream<DynamicTest> everyOpRecordsPyTorchsNode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : Reference.json("grad_fn_names.json").get("items")) {
            String code = row.get("code").asText();
            tests.add(DynamicTest.dynamicTest(row.get("op").asText(), () -> {
                Function<Setup, Tensor> java = PORTS.get(code);
                assertNotNull(java, "no Java port of: " + code);
                manualSeed(0);
                Tensor out = java.apply(new Setup());
                String expectedName = row.get("grad_fn").isNull() ? "None" : row.get("grad_fn").asText();
                assertEquals(expectedName, out.gradFn() == null ? "None" : out.gradFn().name());
                assertEquals(row.get("requires_grad").asBoolean(), out.requiresGrad());
                String next = out.gradFn() == null ? "" : Reference.maskAddresses(out.gradFn().nextFunctions().toString());
                assertEquals(row.get("next_functions").isNull() ? "" : row.get("next_functions").asText(), next);
            }));
        }
        return tests.stream();
    }
}
