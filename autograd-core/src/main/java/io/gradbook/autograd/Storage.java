// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * A tensor's memory: one primitive array of the dtype's own element type, as PyTorch keeps it (float32 in
 * {@code float[]}, float64 in {@code double[]}, int64 in {@code long[]} so values beyond 2^53 stay exact, int32 in
 * {@code int[]}, bool in {@code boolean[]}, float16 as IEEE half bits in {@code short[]}). Bytes per element equal
 * PyTorch's {@code element_size()}.
 *
 * <p>Only the numeric loops reach into the arrays (by {@code instanceof} on the subclass, once per op). Everything
 * else (printing, indexing helpers, the compatibility paths) reads and writes single elements through
 * {@link #getDouble}/{@link #setDouble} and {@link #getLong}/{@link #setLong}, which convert with the dtype's
 * rounding: a float32 write rounds to float, an integer write truncates toward zero, a bool write tests non-zero.
 */
abstract class Storage {
    final DType dtype;

    private Storage(DType dtype) {
        this.dtype = dtype;
    }

    /** Number of elements. */
    abstract int length();

    /** Bytes per element, as PyTorch's {@code element_size()}. */
    abstract int itemSize();

    abstract double getDouble(int i);

    /** Writes {@code v} converted to the dtype (rounded, truncated or tested as PyTorch's casts do). */
    abstract void setDouble(int i, double v);

    /** The element as an integer: exact for integer dtypes, truncated toward zero for floating ones. */
    long getLong(int i) {
        return (long) getDouble(i);
    }

    /** Writes an integer value: exact for int64, wrapped for int32, rounded for floating dtypes. */
    void setLong(int i, long v) {
        setDouble(i, v);
    }

    /** A zeroed storage of {@code n} elements of {@code dtype}. */
    static Storage allocate(DType dtype, int n) {
        switch (dtype) {
            case FLOAT32: return new FloatStorage(new float[n]);
            case FLOAT64: return new DoubleStorage(new double[n]);
            case INT64: return new LongStorage(new long[n]);
            case INT32: return new IntStorage(new int[n]);
            case FLOAT16: return new HalfStorage(new short[n]);
            default: return new BoolStorage(new boolean[n]);
        }
    }

    /**
     * A storage of {@code n} elements whose every element the caller writes before anyone reads it: large float32
     * and float64 arrays come unzeroed where the JVM allows it ({@link UninitializedArrays}), others zeroed.
     */
    static Storage allocateForWrite(DType dtype, int n) {
        // a large array backward has proven dead comes back first (GradArrays), else unzeroed (UninitializedArrays)
        if (dtype == DType.FLOAT32) return new FloatStorage(GradArrays.floats(n));
        if (dtype == DType.FLOAT64) return new DoubleStorage(GradArrays.doubles(n));
        return allocate(dtype, n);
    }

    /** A storage of {@code dtype} holding {@code values} converted element by element. */
    static Storage of(double[] values, DType dtype) {
        if (dtype == DType.FLOAT64) return new DoubleStorage(values);
        Storage s = allocate(dtype, values.length);
        for (int i = 0; i < values.length; i++) s.setDouble(i, values[i]);
        return s;
    }

    static final class FloatStorage extends Storage {
        final float[] a;

        FloatStorage(float[] a) {
            super(DType.FLOAT32);
            this.a = a;
        }

        @Override int length() { return a.length; }
        @Override int itemSize() { return 4; }
        @Override double getDouble(int i) { return a[i]; }
        @Override void setDouble(int i, double v) { a[i] = (float) v; }
        @Override void setLong(int i, long v) { a[i] = (float) v; }
    }

    static final class DoubleStorage extends Storage {
        final double[] a;

        DoubleStorage(double[] a) {
            super(DType.FLOAT64);
            this.a = a;
        }

        @Override int length() { return a.length; }
        @Override int itemSize() { return 8; }
        @Override double getDouble(int i) { return a[i]; }
        @Override void setDouble(int i, double v) { a[i] = v; }
        @Override void setLong(int i, long v) { a[i] = (double) v; }
    }

    static final class LongStorage extends Storage {
        final long[] a;

        LongStorage(long[] a) {
            super(DType.INT64);
            this.a = a;
        }

        @Override int length() { return a.length; }
        @Override int itemSize() { return 8; }
        @Override double getDouble(int i) { return a[i]; }
        // NaN casts to int64's minimum, as x86's cvttsd2si does in PyTorch
        @Override void setDouble(int i, double v) { a[i] = DType.toInt64(v); }
        @Override long getLong(int i) { return a[i]; }
        @Override void setLong(int i, long v) { a[i] = v; }
    }

    static final class IntStorage extends Storage {
        final int[] a;

        IntStorage(int[] a) {
            super(DType.INT32);
            this.a = a;
        }

        @Override int length() { return a.length; }
        @Override int itemSize() { return 4; }
        @Override double getDouble(int i) { return a[i]; }
        @Override void setDouble(int i, double v) { a[i] = DType.toInt32(v); }
        @Override long getLong(int i) { return a[i]; }
        @Override void setLong(int i, long v) { a[i] = (int) v; }
    }

    static final class BoolStorage extends Storage {
        final boolean[] a;

        BoolStorage(boolean[] a) {
            super(DType.BOOL);
            this.a = a;
        }

        @Override int length() { return a.length; }
        @Override int itemSize() { return 1; }
        @Override double getDouble(int i) { return a[i] ? 1 : 0; }
        @Override void setDouble(int i, double v) { a[i] = v != 0; }
        @Override long getLong(int i) { return a[i] ? 1 : 0; }
        @Override void setLong(int i, long v) { a[i] = v != 0; }
    }

    /** float16 as IEEE half bits; arithmetic happens in float32 and each result is rounded to half, as on PyTorch's CPU. */
    static final class HalfStorage extends Storage {
        final short[] a;

        HalfStorage(short[] a) {
            super(DType.FLOAT16);
            this.a = a;
        }

        @Override int length() { return a.length; }
        @Override int itemSize() { return 2; }
        @Override double getDouble(int i) { return Half.toFloat(a[i]); }
        // c10::Half converts through float: double -> float -> half, two roundings, as PyTorch does
        @Override void setDouble(int i, double v) { a[i] = Half.fromFloat((float) v); }
    }

    /** IEEE 754 binary16 conversions with round-to-nearest-even (Float.floatToFloat16 needs JDK 20). */
    static final class Half {
        private Half() {}

        static short fromFloat(float f) {
            int bits = Float.floatToRawIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            int exp = (bits >>> 23) & 0xff;
            int mant = bits & 0x7fffff;
            if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
            int e = exp - 127 + 15;
            if (e >= 0x1f) return (short) (sign | 0x7c00);
            if (e <= 0) {
                // half subnormal: value = full * 2^(exp - 150) = m * 2^-24, so m = full >> (14 - e), rounded to even
                int shift = 14 - e;
                if (shift > 24) return (short) sign;
                int full = mant | 0x800000;
                int m = full >>> shift;
                int rem = full & ((1 << shift) - 1), halfway = 1 << (shift - 1);
                if (rem > halfway || rem == halfway && (m & 1) == 1) m++;
                return (short) (sign | m);
            }
            int h = (e << 10) | (mant >>> 13);
            int rem = mant & 0x1fff;
            // a carry out of the mantissa bumps the exponent, up to infinity: the right result in both cases
            if (rem > 0x1000 || rem == 0x1000 && (h & 1) == 1) h++;
            return (short) (sign | h);
        }

        static float toFloat(short h) {
            int sign = (h & 0x8000) << 16;
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            if (exp == 0) {
                float v = mant * 0x1p-24f;
                return sign != 0 ? -v : v;
            }
            return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
        }

        /** A value rounded to the nearest half, as a double (through float, as c10::Half converts). */
        static double round(double v) {
            return toFloat(fromFloat((float) v));
        }
    }
}
