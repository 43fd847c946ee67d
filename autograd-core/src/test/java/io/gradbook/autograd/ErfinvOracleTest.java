// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.math.GlibcErf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * erfinv against PyTorch 1.13.1 ({@code oracle/erfinv.json}, written by {@code make_erfinv.py}): forward values and
 * the input's gradient as bit patterns, and the grad_fn name, in float32 and float64 at lengths 7, 1000 and 4109
 * (uniform, near +-1, +-1, |x| &gt; 1, +-0, subnormals, inf, NaN); a transposed, a 0-dim and an int64 input;
 * erfinv_'s node, version and errors; float16's error; glibc's erff/erf alone; the forward-mode tangent; a float64
 * gradcheck.
 */
class ErfinvOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("erfinv.json");
    private static final JsonNode OTHERS = ROOT.get("others");

    @TestFactory
    List<DynamicTest> forwardAndGradientBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            Tensor x0 = OracleFiles.tensor(c.get("x"));
            tests.add(DynamicTest.dynamicTest("erfinv " + x0.dtype() + " n=" + x0.numel(), () -> {
                Tensor x = x0.detach().requiresGrad_(true);
                Tensor y = Torch.erfinv(x);
                assertEquals(c.get("grad_fn").asText(), y.gradFn().name());
                y.backward(OracleFiles.tensor(c.get("g")));
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("y")), y, "erfinv forward");
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("grad")), x.grad(), "erfinv grad");
            }));
        }
        return tests;
    }

    @Test
    void layoutsAndDtypes() {
        Tensor base = OracleFiles.tensor(OTHERS.get("transposed").get("x"));
        OracleFiles.assertSameBits(OracleFiles.tensor(OTHERS.get("transposed").get("y")), base.t().erfinv(), "transposed");
        JsonNode z = OTHERS.get("zero_dim");
        OracleFiles.assertSameBits(OracleFiles.tensor(z.get("y")), Torch.erfinv(OracleFiles.tensor(z.get("x"))), "0-dim");
        JsonNode i = OTHERS.get("int64");
        OracleFiles.assertSameBits(OracleFiles.tensor(i.get("y")), Torch.erfinv(OracleFiles.tensor(i.get("x"))), "int64");
    }

    @Test
    void errorsInPyTorchsWords() {
        assertEquals(OTHERS.get("half_error").asText(),
                assertThrows(TorchException.RuntimeError.class, () -> Torch.tensor(0.5).half().erfinv()).getMessage());
        assertEquals(OTHERS.get("int_inplace_error").asText(),
                assertThrows(TorchException.RuntimeError.class, () -> Torch.arange(3).erfinv_()).getMessage());
        Tensor leaf = Torch.tensor(0.5, -0.2).requiresGrad_();
        assertEquals(OTHERS.get("leaf_inplace_error").asText(),
                assertThrows(TorchException.RuntimeError.class, leaf::erfinv_).getMessage());
    }

    @Test
    void inPlaceRecordsErfinvBackward() {
        JsonNode want = OTHERS.get("inplace");
        Tensor leaf = Torch.tensor(0.5, -0.2).requiresGrad_();
        Tensor h = leaf.mul(1L);
        int v0 = h.version();
        assertEquals(h, h.erfinv_());
        assertEquals(want.get("grad_fn").asText(), h.gradFn().name());
        assertEquals(want.get("version_bump").asInt(), h.version() - v0);
        h.sum().backward();
        OracleFiles.assertSameBits(OracleFiles.tensor(want.get("grad")), leaf.grad(), "erfinv_ grad");
    }

    @Test
    void glibcErfAsLibmComputesIt() {
        JsonNode g = ROOT.get("glibc");
        Tensor x32 = OracleFiles.tensor(g.get("x32")), x64 = OracleFiles.tensor(g.get("x64"));
        OracleFiles.assertSameBits(OracleFiles.tensor(g.get("erff")), Kernels.map(x32, DType.FLOAT32, v -> GlibcErf.erff((float) v)), "erff");
        OracleFiles.assertSameBits(OracleFiles.tensor(g.get("erf")), Kernels.map(x64, DType.FLOAT64, GlibcErf::erf), "erf");
    }

    @Test
    void forwardModeTangentIsTheRecordedGradient() {
        // PyTorch's erfinv tangent (auto_element_wise) is the backward formula with the tangent for grad
        for (JsonNode c : ROOT.get("cases")) {
            Tensor x = OracleFiles.tensor(c.get("x"));
            try (var level = io.gradbook.autograd.forward.ForwardAD.dualLevel()) {
                Tensor y = io.gradbook.autograd.forward.ForwardAD.makeDual(x, OracleFiles.tensor(c.get("g"))).erfinv();
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("grad")), io.gradbook.autograd.forward.ForwardAD.unpackDual(y).tangent(), "tangent");
            }
        }
    }

    @Test
    void gradcheckFloat64() {
        Tensor x = Torch.tensor(new double[] {-0.9, -0.5, -0.1, 0.0, 0.3, 0.69, 0.72, 0.95}, DType.FLOAT64).requiresGrad_();
        assertEquals(true, Autograd.gradcheck(xs -> xs.get(0).erfinv(), x));
        assertEquals(true, Autograd.gradgradcheck(xs -> xs.get(0).erfinv(), x));
    }
}
