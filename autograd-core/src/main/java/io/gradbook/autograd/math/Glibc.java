// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The scalar float functions PyTorch's loop tails call ({@code std::exp(float)} etc., i.e. glibc's), modelled as
 * the correctly rounded result: glibc 2.28+'s expf and powf compute in double and round, so they are correctly
 * rounded in nearly all cases. (glibc's sinhf and coshf are older float code with up to ~1 ULP error; see
 * {@link #sinhf}.)
 */
final class Glibc {
    private Glibc() {}

    static float expf(float x) { return (float) StrictMath.exp(x); }

    static float powf(float x, float y) { return (float) StrictMath.pow(x, y); }

    /**
     * Correctly rounded sinh. glibc's own {@code __ieee754_sinhf} (float arithmetic on expm1f) differs from this
     * by one ULP on a share of inputs; only the last {@code n % 16} elements of a run take this path.
     */
    static float sinhf(float x) { return (float) StrictMath.sinh(x); }

    static float coshf(float x) { return (float) StrictMath.cosh(x); }
}
