// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between Gradbook tensors and ND4J's {@code INDArray} (copies; no history crosses over). */
public final class Nd4jInterop {
    private Nd4jInterop() {}

    /** A copy of the tensor's values as an ND4J array of the matching data type (no autograd history). */
    public static INDArray toINDArray(Tensor t) {
        long[] shape = new long[t.dim()];
        for (int i = 0; i < shape.length; i++) shape[i] = t.size(i);
        switch (t.dtype()) {
            case FLOAT64: return Nd4j.create(t.toDoubleArray(), shape, 'c');
            // int64 through longs: exact beyond 2^53
            case INT64: case INT32: case BOOL: return Nd4j.createFromArray(t.toLongArray()).reshape('c', shape);
            default: return Nd4j.create(t.toFloatArray(), shape, 'c');
        }
    }

    /** A new leaf tensor holding a copy of an ND4J array's values (float32, float64, int64 or bool). */
    public static Tensor fromINDArray(INDArray a) {
        long[] ls = a.shape();
        int[] shape = new int[ls.length];
        for (int i = 0; i < ls.length; i++) shape[i] = Math.toIntExact(ls[i]);
        INDArray c = a.dup('c');
        DataType dt = a.dataType();
        DType dtype = dt == DataType.DOUBLE ? DType.FLOAT64 : dt == DataType.LONG || dt == DataType.INT ? DType.INT64 : dt == DataType.BOOL ? DType.BOOL : DType.FLOAT32;
        if (dtype == DType.INT64) return Tensor.wrap(new Storage.LongStorage(c.data().asLong()), shape);
        if (dtype == DType.FLOAT32) return Tensor.wrap(new Storage.FloatStorage(c.data().asFloat()), shape);
        return Tensor.wrap(c.data().asDouble(), shape, dtype);
    }
}
