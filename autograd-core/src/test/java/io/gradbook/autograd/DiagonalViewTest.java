// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * diagonal is a view as in PyTorch (oracle/diagonal_view.json from make_diagonal_view.py): its strides and offset,
 * writes through it, the CopySlices graph of an in-place op on it, the leaf check; diag of a matrix still copies.
 */
class DiagonalViewTest {
    private static int[] ints(JsonNode n) {
        int[] v = new int[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).asInt();
        return v;
    }

    @Test
    void diagonalIsAViewLikePyTorchs() {
        JsonNode o = OracleFiles.json("diagonal_view.json");
        Tensor x = arange(12.0).reshape(3, 4).requiresGrad_();
        Tensor d = x.diagonal(1);
        assertEquals(o.at("/view/repr").asText(), d.toString());
        assertArrayEquals(ints(o.at("/view/stride")), d.stride());
        assertEquals(o.at("/view/offset").asInt(), d.offset);
        assertEquals(o.at("/view/contiguous").asBoolean(), d.isContiguous());
        Tensor below = x.diagonal(-2);
        assertArrayEquals(ints(o.at("/below/stride")), below.stride());
        assertEquals(o.at("/below/offset").asInt(), below.offset);
        Tensor batched = zeros(3, 3, 2).diagonal(0, 0, 1);
        assertArrayEquals(ints(o.at("/batched/shape")), batched.shapeArray());
        assertArrayEquals(ints(o.at("/batched/stride")), batched.stride());
        Tensor empty = zeros(2, 2).diagonal(5);
        assertArrayEquals(ints(o.at("/empty/shape")), empty.shapeArray());
        assertEquals(o.at("/empty/offset").asInt(), empty.offset);

        Tensor y = x.clone();
        Tensor v = y.diagonal();
        v.mul_(2);
        assertEquals(o.at("/inplace/repr").asText(), y.toString());
        assertEquals(o.at("/inplace/next_functions").asText(), Reference.maskAddresses(y.gradFn().nextFunctions().toString()));
        assertEquals(o.at("/inplace/view_grad_fn").asText(), v.gradFn().name());
        y.mul(y).sum().backward();
        assertEquals(o.at("/inplace/grad").asText(), x.grad().toString());

        Tensor w = zeros(2, 3);
        w.diagonal().fill_(7);
        assertEquals(o.get("fill").asText(), w.toString());
        assertEquals(o.get("leaf_error").asText(), assertThrows(RuntimeException.class, () -> x.diagonal().add_(1)).getMessage());

        Tensor copied = diag(ones(2, 2));
        assertEquals(o.at("/diag_is_copy/contiguous").asBoolean(), copied.isContiguous());
        assertEquals(o.at("/diag_is_copy/grad_fn").asText(), diag(x).gradFn().name());
    }
}
