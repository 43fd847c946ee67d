// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.FuzzMoreProgram.b;
import static io.gradbook.autograd.FuzzMoreProgram.d;
import static io.gradbook.autograd.FuzzMoreProgram.i;
import static io.gradbook.autograd.FuzzMoreProgram.p;
import static io.gradbook.autograd.Torch.*;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ops oracle/make_fuzz_wide.py adds to make_fuzz.py's language (make_fuzz_wide.wide_step, op for op), written
 * with Gradbook's API; FuzzProgram hands every op it does not know to {@link #step}.
 */
final class FuzzWideProgram {
    private FuzzWideProgram() {}

    /** Step {@code s} with its argument registers x, y, z; the third language's ops go on to FuzzMoreProgram. */
    static Tensor step(String op, JsonNode s, Tensor x, Tensor y, Tensor z) {
        switch (op) {
            // scans and orderings
            case "cumprod": return x.cumprod(i(s, 2));
            case "sort_v": return x.sort(i(s, 2), b(s, 3)).values();
            case "sort_i": return x.sort(i(s, 2), b(s, 3)).indices();
            case "topk_v": return x.topk(i(s, 2), i(s, 3), b(s, 4)).values();
            case "topk_i": return x.topk(i(s, 2), i(s, 3), b(s, 4)).indices();
            case "kthvalue_v": return x.kthvalue(i(s, 2), i(s, 3), b(s, 4)).values();
            case "kthvalue_i": return x.kthvalue(i(s, 2), i(s, 3), b(s, 4)).indices();
            case "median_v": return x.median(i(s, 2), b(s, 3)).values();
            case "median_all": return x.median();
            case "max_v": return x.max(i(s, 2), b(s, 3)).values();
            case "max_i": return x.max(i(s, 2), b(s, 3)).indices();
            case "min_v": return x.min(i(s, 2), b(s, 3)).values();
            case "argmax": return x.argmax(i(s, 2), b(s, 3));
            case "argmin": return x.argmin(i(s, 2), b(s, 3));
            case "argmax_all": return x.argmax();
            case "max_all": return x.max();
            // indexing
            case "gather": return x.gather(i(s, 2), y);
            case "scatter_v": return x.scatter(i(s, 2), y, d(s, 3));
            case "scatter_add": return x.scatterAdd(i(s, 2), y, z);
            case "index_select": return x.indexSelect(i(s, 2), y);
            case "index_add": return x.indexAdd(i(s, 2), y, z, d(s, 3));
            case "masked_fill": return x.maskedFill(y, d(s, 2));
            case "where": return where(y, x, z);
            case "where_s": return x.where(y, d(s, 2));
            // clamps and powers (an int exponent or base stays an int: PyTorch's Scalar keeps its kind)
            case "clamp": return x.clamp(d(s, 2), d(s, 3));
            case "clamp_min": return x.clampMin(d(s, 2));
            case "clamp_max": return x.clampMax(d(s, 2));
            case "pow_s": return s.get(2).isIntegralNumber() ? x.pow(s.get(2).asLong()) : x.pow(d(s, 2));
            case "pow_t": return x.pow(y);
            case "rpow_s": return s.get(2).isIntegralNumber() ? pow(s.get(2).asLong(), x) : pow(d(s, 2), x);
            // norms, var / std with a correction (dims null: all of them)
            case "norm_p": return x.norm(p(s.get(2)), dims(s.get(3)), b(s, 4));
            case "norm_fro": return x.norm("fro", dims(s.get(2)), b(s, 3));
            case "vector_norm": return linalgVectorNorm(x, p(s.get(2)), dims(s.get(3)), b(s, 4));
            case "var_c": return x.var(dims(s.get(2)), i(s, 3), b(s, 4));
            case "std_c": return x.std(dims(s.get(2)), i(s, 3), b(s, 4));
            // comparisons, logical ops, integer reductions, casts
            case "gt": return x.gt(y);
            case "le": return x.le(y);
            case "eq_s": return x.eq(d(s, 2));
            case "lt_s": return x.lt(d(s, 2));
            case "logical_and": return x.logicalAnd(y);
            case "logical_not": return x.logicalNot();
            case "sum_int": return x.sum();
            case "sum_dim": return x.sum(i(s, 2), b(s, 3));
            case "mean_int": return x.mean();
            case "todt": return x.to(OpsOracleTest.dtypeOf(s.get(2).asText()));
            // in place, on views
            case "masked_fill_": return x.maskedFill_(y, d(s, 2));
            case "clamp_s_": return x.clamp_(d(s, 2), d(s, 3));
            case "index_add_": return x.indexAdd_(i(s, 2), y, z);
            case "scatter_add_": return x.scatterAdd_(i(s, 2), y, z);
            case "sub_s_": return s.get(2).isIntegralNumber() ? x.sub_(s.get(2).asLong()) : x.sub_(d(s, 2));
            case "div_s_": return x.div_(d(s, 2));
            case "abs_": return x.abs_();
            case "floor_": return x.floor_();
            default: return FuzzMoreProgram.step(op, s, x, y, z); // make_fuzz_more.py's ops
        }
    }

    private static int[] dims(JsonNode n) {
        return n == null || n.isNull() ? null : OracleFiles.ints(n);
    }
}
