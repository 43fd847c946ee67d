// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Element types, with PyTorch's names and promotion order.
 *
 * <p>Each dtype has its own storage ({@link Storage}: float32 in {@code float[]}, int64 in {@code long[]}, ...);
 * {@link #round(double)} brings a value computed in double to what the dtype can hold, for the slower paths that
 * compute in double (a double operation rounded once to float is exactly the float operation for + - * / and sqrt).
 */
public enum DType {
    BOOL("torch.bool", 0, false),
    INT32("torch.int32", 1, false),
    INT64("torch.int64", 2, false),
    FLOAT16("torch.float16", 3, true),
    FLOAT32("torch.float32", 4, true),
    FLOAT64("torch.float64", 5, true);

    private final String torchName;
    private final int rank;
    private final boolean floating;

    DType(String torchName, int rank, boolean floating) {
        this.torchName = torchName;
        this.rank = rank;
        this.floating = floating;
    }

    /** The default floating dtype, as {@code torch.get_default_dtype()}. */
    public static final DType DEFAULT_FLOAT = FLOAT32;

    public boolean isFloatingPoint() {
        return floating;
    }

    /** {@code torch.FloatTensor}-style legacy type name, used in PyTorch's version-counter error. */
    public String legacyTypeName() {
        switch (this) {
            case FLOAT32: return "torch.FloatTensor";
            case FLOAT64: return "torch.DoubleTensor";
            case FLOAT16: return "torch.HalfTensor";
            case INT64: return "torch.LongTensor";
            case INT32: return "torch.IntTensor";
            default: return "torch.BoolTensor";
        }
    }

    /** Rounds a computed value to this dtype (float32 rounding, integer truncation, bool test). */
    public double round(double v) {
        switch (this) {
            case FLOAT32: return (float) v;
            case FLOAT64: return v;
            case FLOAT16: return Storage.Half.round(v);
            case INT64: return toInt64(v);
            case INT32: return toInt32(v);
            default: return v != 0 ? 1 : 0;
        }
    }

    /**
     * A float cast to int64 as PyTorch's {@code static_cast} compiles on x86-64 ({@code cvttsd2si}): truncation
     * toward zero, and NaN, infinities and values outside [-2^63, 2^63) give the "integer indefinite" value
     * -2^63 (Java's cast would give 0 or saturate).
     */
    static long toInt64(double v) {
        return v >= -0x1p63 && v < 0x1p63 ? (long) v : Long.MIN_VALUE;
    }

    /** A float cast to int32 as on x86-64 ({@code cvttss2si}/{@code cvttsd2si}, 32-bit): outside [-2^31, 2^31) or NaN, -2^31. */
    static int toInt32(double v) {
        return v > -0x1p31 - 1 && v < 0x1p31 ? (int) v : Integer.MIN_VALUE;
    }

    /** Bytes per element, as PyTorch's {@code element_size()}. */
    public int itemSize() {
        switch (this) {
            case FLOAT64: case INT64: return 8;
            case FLOAT32: case INT32: return 4;
            case FLOAT16: return 2;
            default: return 1;
        }
    }

    /** The category order bool < integer < floating that PyTorch's result_type compares first. */
    int category() {
        return this == BOOL ? 0 : floating ? 2 : 1;
    }

    /** Promotion of two dtypes of the same priority class (torch.promote_types). */
    public static DType promote(DType a, DType b) {
        if (a == b) return a;
        if (a == FLOAT16 && b.category() < 2 || b == FLOAT16 && a.category() < 2) return FLOAT16;
        return a.rank >= b.rank ? a : b;
    }

    @Override
    public String toString() {
        return torchName;
    }
}
