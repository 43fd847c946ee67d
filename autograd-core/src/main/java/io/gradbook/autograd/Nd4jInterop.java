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
        double[] v = t.toDoubleArray();
        switch (t.dtype()) {
            case FLOAT64: return Nd4j.create(v, shape, 'c');
            case INT64: case INT32: case BOOL: {
                long[] l = new long[v.length];
                for (int i = 0; i < v.length; i++) l[i] = (long) v[i];
                return Nd4j.createFromArray(l).reshape('c', shape);
            }
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
        double[] v = c.data().asDouble();
        for (int i = 0; i < v.length; i++) v[i] = dtype.round(v[i]);
        return Tensor.wrap(v, shape, dtype);
    }
}
