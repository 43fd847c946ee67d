// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The op language of oracle/make_fuzz.py, written with Gradbook's API: one step of a fuzz case's program reads its
 * argument registers and parameters and returns the next register. Every op name of make_fuzz.run_step is here;
 * an unknown one is a test failure, not a skip.
 */
final class FuzzProgram {
    private FuzzProgram() {}

    /** Runs step {@code s} (["op", [registers], params...]) on the registers so far. */
    static Tensor step(JsonNode s, List<Tensor> regs, List<Tensor> inputs) {
        String op = s.get(0).asText();
        List<Tensor> a = new ArrayList<>();
        for (JsonNode i : s.get(1)) a.add(regs.get(i.asInt()));
        Tensor x = a.isEmpty() ? null : a.get(0);
        Tensor y = a.size() > 1 ? a.get(1) : null;
        Tensor z = a.size() > 2 ? a.get(2) : null;
        switch (op) {
            case "in": return inputs.get(s.get(2).asInt());
            // unary, total on the reals
            case "neg": return x.neg();
            case "abs": return x.abs();
            case "exp": return x.exp();
            case "sin": return x.sin();
            case "cos": return x.cos();
            case "tanh": return x.tanh();
            case "sigmoid": return x.sigmoid();
            case "relu": return x.relu();
            case "atan": return x.atan();
            case "erf": return x.erf();
            case "expm1": return x.expm1();
            case "square": return x.pow(2L);
            case "cube": return x.pow(3L);
            case "floor": return x.floor();
            case "clone": return x.clone();
            case "contiguous": return x.contiguous();
            // unary on positive inputs
            case "log": return x.log();
            case "sqrt": return x.sqrt();
            case "reciprocal": return x.reciprocal();
            case "log1p": return x.log1p();
            case "rsqrt_pow": return x.pow(-0.5);
            case "pow1.5": return x.pow(1.5);
            // with a Python scalar (an int stays an int: PyTorch's Scalar keeps its kind)
            case "add_s": return isInt(s.get(2)) ? x.add(s.get(2).asLong()) : x.add(s.get(2).asDouble());
            case "sub_s": return isInt(s.get(2)) ? x.sub(s.get(2).asLong()) : x.sub(s.get(2).asDouble());
            case "mul_s": return isInt(s.get(2)) ? x.mul(s.get(2).asLong()) : x.mul(s.get(2).asDouble());
            case "div_s": return isInt(s.get(2)) ? x.div(s.get(2).asLong()) : x.div(s.get(2).asDouble());
            case "rsub_s": return isInt(s.get(2)) ? x.rsub(s.get(2).asLong()) : x.rsub(s.get(2).asDouble());
            // binary, broadcasting
            case "add": return x.add(y);
            case "sub": return x.sub(y);
            case "mul": return x.mul(y);
            case "div": return x.div(y);
            case "maximum": return x.maximum(y);
            case "minimum": return x.minimum(y);
            case "atan2": return x.atan2(y);
            case "add_alpha": return x.add(y, 0.5);
            // in place
            case "add_": return x.add_(y);
            case "sub_": return x.sub_(y);
            case "mul_": return x.mul_(y);
            case "div_": return x.div_(y);
            case "copy_": return x.copy_(y);
            case "exp_": return x.exp_();
            case "tanh_": return x.tanh_();
            case "sigmoid_": return x.sigmoid_();
            case "relu_": return x.relu_();
            case "neg_": return x.neg_();
            case "sin_": return x.sin_();
            case "zero_": return x.zero_();
            case "clamp_": return x.clamp_(-0.5, 0.5);
            case "add_s_": return isInt(s.get(2)) ? x.add_(s.get(2).asLong()) : x.add_(s.get(2).asDouble());
            case "mul_s_": return isInt(s.get(2)) ? x.mul_(s.get(2).asLong()) : x.mul_(s.get(2).asDouble());
            case "pow_s_": return x.pow_(s.get(2).asDouble());
            case "fill_": return x.fill_(s.get(2).asDouble());
            // reductions and dims
            case "sum": return x.sum(ints(s.get(2)), s.get(3).asBoolean());
            case "mean": return x.mean(ints(s.get(2)), s.get(3).asBoolean());
            case "amax": return x.amax(ints(s.get(2)), s.get(3).asBoolean());
            case "amin": return x.amin(ints(s.get(2)), s.get(3).asBoolean());
            case "prod": return x.prod(s.get(2).get(0).asInt(), s.get(3).asBoolean());
            case "var": return x.var(ints(s.get(2)), s.get(4).asBoolean(), s.get(3).asBoolean());
            case "std": return x.std(ints(s.get(2)), s.get(4).asBoolean(), s.get(3).asBoolean());
            case "logsumexp": return x.logsumexp(ints(s.get(2)), s.get(3).asBoolean());
            case "norm": return x.norm(2.0, ints(s.get(2)), s.get(3).asBoolean());
            case "sum_all": return x.sum();
            case "mean_all": return x.mean();
            case "cumsum": return x.cumsum(s.get(2).asInt());
            case "softmax": return x.softmax(s.get(2).asInt());
            case "log_softmax": return x.logSoftmax(s.get(2).asInt());
            // products
            case "matmul": return x.matmul(y);
            case "mm": return x.mm(y);
            case "bmm": return x.bmm(y);
            case "mv": return x.mv(y);
            case "dot": return x.dot(y);
            case "to": return x.to(OpsOracleTest.dtypeOf(s.get(2).asText()));
            // views
            case "transpose": return x.transpose(s.get(2).asInt(), s.get(3).asInt());
            case "t": return x.t();
            case "permute": return x.permute(ints(s.get(2)));
            case "slice": return x.slice(s.get(2).asInt(), s.get(3).asInt(), s.get(4).asInt(), s.get(5).asInt());
            case "narrow": return x.narrow(s.get(2).asInt(), s.get(3).asInt(), s.get(4).asInt());
            case "select": return x.select(s.get(2).asInt(), s.get(3).asInt());
            case "unsqueeze": return x.unsqueeze(s.get(2).asInt());
            case "expand": return x.expand(ints(s.get(2)));
            case "reshape": return x.reshape(ints(s.get(2)));
            default: return FuzzWideProgram.step(op, s, x, y, z); // make_fuzz_wide.py's ops
        }
    }

    private static boolean isInt(JsonNode n) {
        return n.isIntegralNumber();
    }

    private static int[] ints(JsonNode a) {
        return OracleFiles.ints(a);
    }
}
