// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * nanmedian, mode, empty_like and randint_like against PyTorch 1.13.1 ({@code oracle/more_selection.json}, written by
 * {@code make_more_selection.py}): which of equal values and which index nanmedian and mode return (ties, -0.0/0.0,
 * NaN, all-NaN lines, float32/float64/int64/bool, transposed and stepped inputs) bit for bit, their grad_fn names and
 * gradients, the error types and texts, empty results, empty_like's shape/dtype/strides, and randint_like's values
 * for the same seed with the generator's position after them.
 */
class MoreSelectionOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("more_selection.json");

    /** A recorded tensor; bool and int32 ones are stored as int64 with the dtype to cast back to in "as". */
    private static Tensor tensor(JsonNode t) {
        Tensor x = OracleFiles.tensor(t);
        return t.has("as") ? x.to(dtype(t.get("as").asText())) : x;
    }

    private static DType dtype(String name) {
        return switch (name) {
            case "bool" -> DType.BOOL;
            case "int32" -> DType.INT32;
            case "int64" -> DType.INT64;
            case "float16" -> DType.FLOAT16;
            case "float64" -> DType.FLOAT64;
            default -> DType.FLOAT32;
        };
    }

    /** A row-major recording laid out with the recorded strides (a transposed or stepped input, as PyTorch had it). */
    private static Tensor laidOut(Tensor rowMajor, int[] strides) {
        int[] shape = rowMajor.shapeArray();
        if (Arrays.equals(strides, Shape.contiguousStrides(shape))) return rowMajor;
        int span = 1;
        for (int d = 0; d < shape.length; d++) span += (shape[d] - 1) * strides[d];
        Tensor t = new Tensor(Storage.allocate(rowMajor.dtype(), span), 0, shape.clone(), strides, rowMajor.dtype(), new VersionCounter(), null, null);
        Elementwise.copyInto(t, rowMajor);
        return t;
    }

    @TestFactory
    List<DynamicTest> valuesAndIndicesAsPyTorchChoosesThem() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode in : ROOT.get("inputs")) {
            Tensor x = laidOut(tensor(in.get("x")), OracleFiles.ints(in.get("strides")));
            String label = x.dtype() + Arrays.toString(x.shapeArray()) + " strides " + in.get("strides");
            if (in.has("all")) {
                String name = (n++) + " nanmedian() " + label;
                tests.add(DynamicTest.dynamicTest(name, () -> OracleFiles.assertSameBits(tensor(in.get("all")), x.nanmedian(), name)));
            }
            for (JsonNode c : in.get("calls")) {
                String op = c.get("op").asText();
                int dim = c.get("dim").asInt();
                String name = (n++) + " " + op + "(" + dim + ") " + label;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    ValuesIndices r = op.equals("mode") ? x.mode(dim) : x.nanmedian(dim);
                    OracleFiles.assertSameBits(tensor(c.get("indices")), r.indices(), name + " indices");
                    OracleFiles.assertSameBits(tensor(c.get("values")), r.values(), name + " values");
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> gradients() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode c : ROOT.get("grads")) {
            String op = c.get("op").asText();
            boolean all = c.get("dim").isNull();
            boolean keepdim = c.get("keepdim").asBoolean();
            String name = (n++) + " " + op + (all ? "()" : "(" + c.get("dim").asInt() + ", " + keepdim + ")") + " " + c.get("x").get("shape");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Tensor x = tensor(c.get("x")).requiresGrad_(true);
                Tensor v = all ? x.nanmedian() : op.equals("mode") ? x.mode(c.get("dim").asInt(), keepdim).values()
                        : x.nanmedian(c.get("dim").asInt(), keepdim).values();
                assertEquals(c.get("grad_fn").asText(), v.gradFn().name(), name + " grad_fn");
                v.mul(tensor(c.get("w"))).sum().backward();
                OracleFiles.assertSameBits(tensor(c.get("grad")), x.grad(), name + " grad");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> errors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("errors")) {
            tests.add(DynamicTest.dynamicTest(c.get("label").asText(), () -> {
                Tensor x = Torch.ones(DType.FLOAT32, OracleFiles.ints(c.get("shape"))).to(dtype(c.get("dtype").asText()));
                boolean all = c.get("dim").isNull();
                int dim = all ? 0 : c.get("dim").asInt();
                Class<? extends Throwable> type = c.get("type").asText().equals("IndexError") ? TorchException.IndexError.class : TorchException.RuntimeError.class;
                Throwable e = assertThrows(type, () -> {
                    if (all) x.nanmedian();
                    else if (c.get("op").asText().equals("mode")) x.mode(dim);
                    else x.nanmedian(dim);
                });
                assertEquals(c.get("text").asText(), e.getMessage());
            }));
        }
        for (JsonNode c : ROOT.get("randint_errors")) {
            tests.add(DynamicTest.dynamicTest("randint_like " + c, () -> {
                Tensor t = Torch.ones(dtype(c.get("dtype").asText()), 2);
                Throwable e = assertThrows(TorchException.RuntimeError.class, () -> Torch.randintLike(t, c.get("low").asLong(), c.get("high").asLong()));
                assertEquals(c.get("text").asText(), e.getMessage());
            }));
        }
        return tests;
    }

    @Test
    void emptyResults() {
        for (JsonNode c : ROOT.get("shapes")) {
            Tensor x = Torch.ones(OracleFiles.ints(c.get("shape")));
            int dim = c.get("dim").asInt();
            boolean keepdim = c.get("keepdim").asBoolean();
            ValuesIndices r = c.get("op").asText().equals("mode") ? x.mode(dim, keepdim) : x.nanmedian(dim, keepdim);
            assertEquals(c.get("values").toString(), Arrays.toString(r.values().shapeArray()).replace(" ", ""), c.toString());
            assertEquals(c.get("indices").toString(), Arrays.toString(r.indices().shapeArray()).replace(" ", ""), c.toString());
            assertEquals(DType.INT64, r.indices().dtype());
        }
        for (JsonNode c : ROOT.get("empty_all")) {
            DType dt = dtype(c.get("dtype").asText());
            Tensor r = Torch.ones(dt, 0).nanmedian();
            Tensor want = tensor(c.get("value"));
            assertEquals(dt, r.dtype());
            assertEquals(want.dtype(), r.dtype());
            if (dt.isFloatingPoint()) assertTrue(Double.isNaN(r.item()), c.toString());
            else assertEquals(want.toLongArray()[0], r.toLongArray()[0], c.toString());
        }
    }

    /** randint_like's inputs as make_more_selection.py builds them by label (only shape and strides matter). */
    private static Tensor input(String label) {
        return switch (label) {
            case "transposed" -> Torch.ones(7, 5).t();
            case "stepped" -> Torch.ones(5, 14).slice(1, 0, 14, 2);
            case "permuted" -> Torch.ones(2, 3, 4).permute(2, 0, 1);
            case "expanded" -> Torch.ones(5, 1).expand(5, 7);
            default -> Torch.ones(5, 7);
        };
    }

    @Test
    void emptyLike() {
        for (JsonNode c : ROOT.get("empty_like")) {
            String label = c.get("label").asText();
            Tensor x = switch (label) {
                case "dense", "dense int64" -> Torch.ones(3, 4).requiresGrad_(true);
                case "transposed", "transposed float64" -> Torch.ones(3, 4).requiresGrad_(true).t();
                case "stepped" -> Torch.ones(3, 4).requiresGrad_(true).slice(1, 0, 4, 2);
                case "expanded" -> Torch.ones(3, 1).expand(3, 4);
                case "permuted" -> Torch.ones(2, 3, 4).permute(2, 0, 1);
                case "scalar" -> Torch.tensor(1.5f);
                default -> Torch.ones(DType.INT32, 3, 4).t();
            };
            Tensor r = c.get("dtype_arg").isNull() ? Torch.emptyLike(x) : Torch.emptyLike(x, dtype(c.get("dtype_arg").asText()));
            assertEquals(c.get("shape").toString(), Arrays.toString(r.shapeArray()).replace(" ", ""), label);
            assertEquals(dtype(c.get("dtype").asText()), r.dtype(), label);
            assertEquals(c.get("strides").toString(), Arrays.toString(r.stride()).replace(" ", ""), label);
            assertEquals(c.get("requires_grad").asBoolean(), r.requiresGrad(), label);
            assertEquals(c.get("grad_fn").asBoolean(), r.gradFn() != null, label);
        }
    }

    @TestFactory
    List<DynamicTest> randintLike() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("randint")) {
            String name = "seed " + c.get("seed") + " " + c.get("make").asText() + " " + c.get("dtype").asText() + " [" + c.get("low") + ", " + c.get("high") + ")";
            tests.add(DynamicTest.dynamicTest(name, () -> {
                DType dt = dtype(c.get("dtype").asText());
                                Tensor x = input(c.get("make").asText()).to(dt);
                List<String> warned = new ArrayList<>();
                Warnings.reset();
                Warnings.setHandler((category, message, caller) -> warned.add(message));
                Tensor r;
                try {
                    Torch.manualSeed(c.get("seed").asLong());
                    r = c.get("one_arg").asBoolean() ? Torch.randintLike(x, c.get("high").asLong())
                            : Torch.randintLike(x, c.get("low").asLong(), c.get("high").asLong());
                } finally {
                    Warnings.setHandler(null);
                }
                OracleFiles.assertSameBits(tensor(c.get("values")), r, name);
                assertEquals(c.get("strides").toString(), Arrays.toString(r.stride()).replace(" ", ""), name + " strides");
                List<String> want = new ArrayList<>();
                for (JsonNode w : c.get("warnings")) want.add(w.asText());
                assertEquals(want, warned, name + " warnings");
                // the generator stands where PyTorch's did: its next draw is the same
                assertEquals(c.get("next").asLong(), Torch.randintLike(Torch.ones(DType.INT64, 1), 0, 1L << 31).toLongArray()[0], name + " next draw");
            }));
        }
        return tests;
    }
}
