// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.OracleFiles.ints;
import static io.gradbook.autograd.Torch.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The ops oracle/make_fuzz_more.py adds to the other two fuzz languages (make_fuzz_more.more_step, op for op),
 * written with Gradbook's API; FuzzWideProgram hands every op it does not know to {@link #step}.
 */
final class FuzzMoreProgram {
    private FuzzMoreProgram() {}

    /** Step {@code s} with its argument registers x, y, z; an op of no language is a test failure. */
    static Tensor step(String op, JsonNode s, Tensor x, Tensor y, Tensor z) {
        switch (op) {
            // math
            case "tan": return x.tan();
            case "sinh": return x.sinh();
            case "cosh": return x.cosh();
            case "asinh": return x.asinh();
            case "asin": return x.asin();
            case "acos": return x.acos();
            case "atanh": return x.atanh();
            case "erfinv": return x.erfinv();
            case "log2": return x.log2();
            case "log10": return x.log10();
            case "exp2": return x.exp2();
            case "erfc": return x.erfc();
            case "ceil": return x.ceil();
            case "round": return x.round();
            case "trunc": return x.trunc();
            case "frac": return x.frac();
            case "sign": return x.sign();
            // activations (torch.nn.functional)
            case "gelu": return gelu(x);
            case "gelu_tanh": return gelu(x, "tanh");
            case "silu": return silu(x);
            case "mish": return mish(x);
            case "selu": return selu(x);
            case "relu6": return relu6(x);
            case "hardsigmoid": return hardsigmoid(x);
            case "hardswish": return hardswish(x);
            case "logsigmoid": return logSigmoid(x);
            case "softsign": return softsign(x);
            case "tanhshrink": return tanhshrink(x);
            case "elu": return elu(x, d(s, 2));
            case "celu": return celu(x, d(s, 2));
            case "leaky_relu": return leakyRelu(x, d(s, 2));
            case "hardtanh": return hardtanh(x, d(s, 2), d(s, 3));
            case "hardshrink": return hardshrink(x, d(s, 2));
            case "softshrink": return softshrink(x, d(s, 2));
            case "threshold": return threshold(x, d(s, 2), d(s, 3));
            case "softplus": return softplus(x, d(s, 2), d(s, 3));
            case "prelu": return prelu(x, y);
            // binary
            case "hypot": return x.hypot(y);
            case "fmod_t": return x.fmod(y);
            case "fmod_s": return isInt(s, 2) ? x.fmod(s.get(2).asLong()) : x.fmod(d(s, 2));
            case "remainder_t": return x.remainder(y);
            case "remainder_s": return isInt(s, 2) ? x.remainder(s.get(2).asLong()) : x.remainder(d(s, 2));
            case "lerp_s": return x.lerp(y, d(s, 2));
            case "lerp_t": return x.lerp(y, z);
            case "addcmul": return x.addcmul(y, z, d(s, 2));
            case "addcdiv": return x.addcdiv(y, z, d(s, 2));
            case "ne": return x.ne(y);
            case "ge": return x.ge(y);
            case "ne_s": return x.ne(d(s, 2));
            case "ge_s": return x.ge(d(s, 2));
            case "logical_or": return x.logicalOr(y);
            case "dist": return x.dist(y, d(s, 2));
            // shapes
            case "cat": return cat(List.of(x, y), i(s, 2));
            case "stack": return stack(List.of(x, y), i(s, 2));
            case "flip": return x.flip(ints(s.get(2)));
            case "roll": return x.roll(ints(s.get(2)), ints(s.get(3)));
            case "repeat": return x.repeat(ints(s.get(2)));
            case "tile": return x.tile(ints(s.get(2)));
            case "squeeze": return x.squeeze();
            case "squeeze_d": return x.squeeze(i(s, 2));
            case "flatten": return x.flatten();
            case "chunk": return x.chunk(i(s, 2), i(s, 3)).get(i(s, 4));
            case "split": return x.split(i(s, 2), i(s, 3)).get(i(s, 4));
            case "unbind": return x.unbind(i(s, 2)).get(i(s, 3));
            case "movedim": return x.movedim(i(s, 2), i(s, 3));
            case "diagonal": return x.diagonal(i(s, 2), i(s, 3), i(s, 4));
            case "diag": return x.diag(i(s, 2));
            case "trace": return x.trace();
            case "tril": return x.tril(i(s, 2));
            case "triu": return x.triu(i(s, 2));
            case "outer": return x.outer(y);
            case "einsum": return y == null ? einsum(s.get(2).asText(), x) : einsum(s.get(2).asText(), x, y);
            case "pad": return s.get(3).asText().equals("constant") ? pad(x, ints(s.get(2)), "constant", d(s, 4))
                    : pad(x, ints(s.get(2)), s.get(3).asText());
            // selection
            case "masked_select": return x.maskedSelect(y);
            case "nonzero": return x.nonzero();
            case "argsort": return x.argsort(i(s, 2), b(s, 3));
            case "mode_v": return x.mode(i(s, 2), b(s, 3)).values();
            case "mode_i": return x.mode(i(s, 2), b(s, 3)).indices();
            case "nanmedian_v": return x.nanmedian(i(s, 2), b(s, 3)).values();
            case "nanmedian_i": return x.nanmedian(i(s, 2), b(s, 3)).indices();
            case "nanmedian_all": return x.nanmedian();
            // nn
            case "mse_loss": return mseLoss(x, y, s.get(2).asText());
            case "l1_loss": return l1Loss(x, y);
            case "smooth_l1_loss": return smoothL1Loss(x, y, s.get(2).asText(), d(s, 3));
            case "huber_loss": return huberLoss(x, y, s.get(2).asText(), d(s, 3));
            case "bce": return binaryCrossEntropy(x, y);
            case "bce_logits": return binaryCrossEntropyWithLogits(x, y);
            case "cross_entropy": return crossEntropy(x, y);
            case "nll_loss": return nllLoss(x, y, null, -100, s.get(2).asText());
            case "linear": return z == null ? linear(x, y) : linear(x, y, z);
            case "normalize": return normalize(x, d(s, 2), i(s, 3));
            case "cosine_similarity": return cosineSimilarity(x, y, i(s, 2));
            case "cdist": return cdist(x, y, p(s.get(2)));
            // in place
            case "ceil_": return x.ceil_();
            case "round_": return x.round_();
            case "trunc_": return x.trunc_();
            case "cos_": return x.cos_();
            case "expm1_": return x.expm1_();
            case "sqrt_": return x.sqrt_();
            case "log_": return x.log_();
            case "lerp_": return x.lerp_(y, d(s, 2));
            case "addcmul_": return x.addcmul_(y, z, d(s, 2));
            case "addcdiv_": return x.addcdiv_(y, z, d(s, 2));
            case "scatter_v_": return x.scatter_(i(s, 2), y, d(s, 3));
            default: throw new IllegalArgumentException("no Java port of fuzz op '" + op + "'");
        }
    }

    private static boolean isInt(JsonNode s, int k) {
        return s.get(k).isIntegralNumber();
    }

    // a step's operands as the recordings write them (FuzzWideProgram reads its steps with these too)
    static int i(JsonNode s, int k) {
        return s.get(k).asInt();
    }

    static boolean b(JsonNode s, int k) {
        return s.get(k).asBoolean();
    }

    static double d(JsonNode s, int k) {
        return s.get(k).asDouble();
    }

    /** A norm's order: a number, or "inf" / "-inf" (JSON has no infinities). */
    static double p(JsonNode n) {
        if (n.isTextual()) return n.asText().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return n.asDouble();
    }
}
