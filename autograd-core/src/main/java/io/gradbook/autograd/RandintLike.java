// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * {@code torch.randint_like(t, low, high)}: empty_like(t) (preserve_format) filled by random_(low, high) as PyTorch
 * 1.13.1's CPU kernel draws it (oracle/more_selection.json): in the result's memory order, one element at a time,
 * {@code (v % range) + low} cast to the dtype, v one 32-bit output of the generator, or a 64-bit one (two outputs,
 * the first high) when the range reaches 2^32 and the dtype is int64, float32 or float64
 * (uniform_int_from_to_distribution). The bounds are checked as random_from_to_impl checks them, with its texts.
 */
final class RandintLike {
    private RandintLike() {}

    static Tensor randintLike(Tensor t, long low, long high, Generator g) {
        DType dt = t.dtype();
        if (low >= high) throw new TorchException.RuntimeError("random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        if (dt.isFloatingPoint()) {
            int digits = digits(dt);
            low = updateFrom(low, dt);
            high = updateTo(high, dt);
            if (low >= high) {
                throw new TorchException.RuntimeError("random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from="
                        + low + " >= to=" + high);
            }
            // every int64 is within float16/32/64's finite range; only the exactness warning is left
            warnOutOfBounds(low, "from", digits, dt);
            warnOutOfBounds(high - 1, "to - 1", digits, dt);
        } else {
            long min = dt == DType.BOOL ? 0 : dt == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long max = dt == DType.BOOL ? 1 : dt == DType.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
            if (low < min || low > max) throw new TorchException.RuntimeError("from is out of bounds for " + cName(dt));
            if (high - 1 < min || high - 1 > max) throw new TorchException.RuntimeError("to - 1 is out of bounds for " + cName(dt));
        }
        long range = high - low;
        boolean wide = Long.compareUnsigned(range, 1L << 32) >= 0 && (dt == DType.INT64 || dt == DType.FLOAT32 || dt == DType.FLOAT64);
        int[] strides = OutputLayout.preserve(t);
        int[] shape = t.shapeArray().clone();
        if (strides == null) strides = Shape.contiguousStrides(shape);
        int n = t.numel();
        Storage s = Storage.allocate(dt, n);
        Generator gen = g == null ? Random.DEFAULT : g;
        // a fresh dense result: its memory order is the storage's, the order cpu_serial_kernel walks it in
        synchronized (gen) {
            for (int i = 0; i < n; i++) {
                long v = wide ? gen.random64() : Integer.toUnsignedLong(gen.random());
                long r = Long.remainderUnsigned(v, range) + low;
                switch (dt) {
                    case FLOAT32: s.setDouble(i, (float) r); break;
                    case FLOAT64: s.setDouble(i, (double) r); break;
                    case FLOAT16: s.setDouble(i, DType.FLOAT16.round((float) r)); break;
                    case BOOL: s.setLong(i, r != 0 ? 1 : 0); break;
                    default: s.setLong(i, r);
                }
            }
        }
        return new Tensor(s, 0, shape, strides, dt, new VersionCounter(), null, null);
    }

    private static int digits(DType dt) {
        return dt == DType.FLOAT64 ? 53 : dt == DType.FLOAT32 ? 24 : 11;
    }

    private static double cast(long v, DType dt) {
        return dt == DType.FLOAT64 ? (double) v : dt == DType.FLOAT32 ? (float) v : DType.FLOAT16.round((float) v);
    }

    /** update_from: a from that rounds below itself in the dtype moves up to the next representable integer. */
    private static long updateFrom(long from, DType dt) {
        long fromPlus1 = (long) cast(from + 1, dt);
        if (fromPlus1 < from) {
            long f = Math.abs(from + 1);
            int n = 0;
            while ((f >>= 1) != 0) ++n;
            from = fromPlus1 + (1L << (n - digits(dt) + 1));
        }
        return from;
    }

    /** update_to: a to whose predecessor rounds up to it or past moves down to the representable integer below. */
    private static long updateTo(long to, DType dt) {
        long toMinus1 = (long) cast(to - 1, dt);
        if (toMinus1 >= to) {
            long t = Math.abs(to - 1);
            int n = 0;
            while ((t >>= 1) != 0) ++n;
            to = toMinus1 - (1L << (n - digits(dt) + 1));
        }
        return to;
    }

    private static void warnOutOfBounds(long v, String name, int digits, DType dt) {
        if (v < -(1L << digits) || v > (1L << digits)) {
            Warnings.warn("UserWarning", name + " is out of bounds [-(2^" + digits + "), 2^" + digits + "]. Due to precision limitations "
                    + cName(dt) + " can support discrete uniform distribution only within this range. This warning will become an error"
                    + " in version 1.7 release, please fix the code in advance");
        }
    }

    /** caffe2::TypeMeta's name of the dtype, as PyTorch's bound messages print it. */
    private static String cName(DType dt) {
        switch (dt) {
            case BOOL: return "bool";
            case INT32: return "int";
            case INT64: return "long int";
            case FLOAT16: return "c10::Half";
            case FLOAT32: return "float";
            default: return "double";
        }
    }
}
