# SPDX-License-Identifier: Apache-2.0
"""torch.autograd beyond the seeds, as cells: a custom Function declared in a cell, functional Jacobians, forward
mode, and anomaly mode's forward trace pointing at the cell line that made the failing node."""
import re

from helpers import result_text, run, stdout

P3 = """class LegendrePolynomial3 extends Autograd.Function {
    public Tensor forward(FunctionCtx ctx, Tensor... in) {
        ctx.saveForBackward(in[0]);
        return in[0].pow(3).mul(5).sub(in[0].mul(3)).mul(0.5);
    }
    public Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
        Tensor x = ctx.savedTensors().get(0);
        return new Tensor[] {grads[0].mul(1.5).mul(x.pow(2).mul(5).sub(1))};
    }
}"""


def test_custom_function_declared_in_a_cell(kernel):
    km, kc = kernel
    reply, _ = run(kc, P3)
    assert reply["status"] == "ok", reply
    reply, msgs = run(kc, "var x = tensor(0.5, 2.0).requiresGrad_();\nvar y = new LegendrePolynomial3().apply(x);\ny")
    assert result_text(msgs) == "tensor([-0.4375, 17.0000], grad_fn=<LegendrePolynomial3Backward>)"
    reply, msgs = run(kc, "y.sum().backward();\nx.grad()")
    assert result_text(msgs) == "tensor([ 0.3750, 28.5000])"


def test_functional_and_forward_mode_in_cells(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "Autograd.functional.vjp(t -> t.pow(2), tensor(1., 2.), tensor(1., 0.5))")
    assert result_text(msgs) == "(tensor([1., 4.]), tensor([2., 2.]))"
    code = ("import io.gradbook.autograd.forward.ForwardAD;\n"
            "try (var level = ForwardAD.dualLevel()) {\n"
            "    var d = ForwardAD.makeDual(tensor(1., 2.), tensor(1., 0.));\n"
            "    System.out.println(ForwardAD.unpackDual(d.sin()).tangent());\n"
            "}")
    reply, msgs = run(kc, code)
    assert reply["status"] == "ok", reply
    assert stdout(msgs) == "tensor([0.5403, -0.0000])\n"


def test_anomaly_mode_shows_the_cell_line_of_the_forward_call(kernel):
    km, kc = kernel
    code = ("var a = tensor(new double[] {0.0}).requiresGrad_();\n"
            "try (var anomaly = Autograd.detectAnomaly()) {\n"
            "    var q = a.div(a);\n"
            "    q.sum().backward();\n"
            "}")
    reply, msgs = run(kc, code)
    assert reply["status"] == "error"
    assert reply["evalue"] == "Function 'DivBackward0' returned nan values in its 1th output."
    err = stdout(msgs, "stderr")
    assert "UserWarning: Error detected in DivBackward0. Traceback of forward call that caused the error:" in err, err
    assert 'File "<cell>", line 3, in <module>' in err, err
    # warnings name the cell line too: detectAnomaly() is on line 2
    assert "<cell>:2: UserWarning: Anomaly Detection has been enabled." in err, err


def test_anomaly_trace_of_a_node_made_in_an_earlier_cell(kernel):
    km, kc = kernel
    reply, _ = run(kc, "var b = tensor(new double[] {0.0}).requiresGrad_();\n\nvar r = b.div(b);")
    assert reply["status"] == "ok", reply
    reply, msgs = run(kc, "Autograd.setDetectAnomaly(true);")
    reply, msgs = run(kc, "try {\n    r.sum().backward();\n} finally {\n    Autograd.setDetectAnomaly(false);\n}")
    assert reply["status"] == "error"
    err = stdout(msgs, "stderr")
    # r was made before anomaly mode was on: no trace was kept, as in PyTorch
    assert "Error detected" not in err, err
    reply, _ = run(kc, "Autograd.setDetectAnomaly(true);\nvar b2 = b.mul(1);\n\nvar r2 = b2.div(b2);")
    reply, msgs = run(kc, "try {\n    r2.sum().backward();\n} finally {\n    Autograd.setDetectAnomaly(false);\n}")
    err = stdout(msgs, "stderr")
    assert re.search(r"File \"(<cell>|In\[\d+\])\", line 4, in <module>", err), err
