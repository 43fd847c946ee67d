// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * PyTorch's CPU random generator, reproduced bit for bit (../shared/reference/rng/RNG_SPEC.md): an MT19937
 * stream, PyTorch's uniform transforms, the Box-Muller normal with its one-value cache, and the 16-wide
 * vectorized normal fill with the float32 polynomial log/sin/cos of an AVX2 build.
 *
 * <pre>
 * jshell> manualSeed(0); randn(3)
 * tensor([ 1.5410, -0.2934, -2.1788])
 * </pre>
 */
public final class Generator {
    private static final int N = 624, M = 397;
    private static final int MATRIX_A = 0x9908b0df, UPPER_MASK = 0x80000000, LOWER_MASK = 0x7fffffff;
    /** PyTorch's default seed for the default generator. */
    static final long DEFAULT_SEED = 67280421310721L;

    private final int[] mt = new int[N];
    private int index;
    private long seed;
    private boolean hasCachedNormal;
    private double cachedNormal;

    public Generator() {
        manualSeed(DEFAULT_SEED);
    }

    /** Reseeds the stream and forgets the cached normal sample; returns this generator. */
    public synchronized Generator manualSeed(long s) {
        seed = s;
        mt[0] = (int) s;
        for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        index = N;
        hasCachedNormal = false;
        return this;
    }

    /** Seeds from a non-deterministic source and returns the seed used (PyTorch's {@code seed()}). */
    public synchronized long seed() {
        long s = new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
        manualSeed(s);
        return s;
    }

    public synchronized long initialSeed() {
        return seed;
    }

    /** The whole generator state, to restore later with {@link #setState}. */
    public synchronized State getState() {
        return new State(mt.clone(), index, seed, hasCachedNormal, cachedNormal);
    }

    public synchronized void setState(State s) {
        System.arraycopy(s.mt, 0, mt, 0, N);
        index = s.index;
        seed = s.seed;
        hasCachedNormal = s.hasCachedNormal;
        cachedNormal = s.cachedNormal;
    }

    /** An opaque snapshot of a generator (PyTorch's {@code get_state()} ByteTensor). */
    public static final class State {
        private final int[] mt;
        private final int index;
        private final long seed;
        private final boolean hasCachedNormal;
        private final double cachedNormal;

        State(int[] mt, int index, long seed, boolean hasCachedNormal, double cachedNormal) {
            this.mt = mt;
            this.index = index;
            this.seed = seed;
            this.hasCachedNormal = hasCachedNormal;
            this.cachedNormal = cachedNormal;
        }
    }

    // ---- the raw stream ---------------------------------------------------------------------------------------

    /** The next 32-bit output of MT19937. */
    synchronized int random() {
        if (index >= N) twist();
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** Two outputs, the first as the high word. */
    synchronized long random64() {
        long hi = random() & 0xffffffffL;
        long lo = random() & 0xffffffffL;
        return hi << 32 | lo;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    // ---- distributions ----------------------------------------------------------------------------------------

    /** A float32 uniform in [0, 1): the low 24 bits of one output. */
    float uniformFloat() {
        return (random() & ((1 << 24) - 1)) * 0x1p-24f;
    }

    /** A float64 uniform in [0, 1): the low 53 bits of two outputs. */
    double uniformDouble() {
        return (random64() & ((1L << 53) - 1)) * 0x1p-53;
    }

    /** One Box-Muller sample in double precision, with PyTorch's one-value cache. */
    synchronized double normalDouble() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = uniformDouble();
        double u2 = uniformDouble();
        double r = Math.sqrt(-2.0 * io.gradbook.autograd.math.Glibc64.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        // glibc's sin/cos, as normal_distribution<double> calls ::sin/::cos (StrictMath's differ in the last bit on
        // a few angles in a hundred: randn_like of a transposed float64 input, oracle/layout.json)
        cachedNormal = r * io.gradbook.autograd.math.Glibc64Trig.sin(theta);
        hasCachedNormal = true;
        return r * io.gradbook.autograd.math.Glibc64Trig.cos(theta);
    }

    /** PyTorch's normal fill of {@code n >= 16} contiguous float32 values (normal_fill_AVX2). */
    synchronized void normalFillFloat(float[] d, float mean, float std) {
        int n = d.length;
        for (int i = 0; i < n; i++) d[i] = uniformFloat();
        for (int i = 0; i + 16 <= n; i += 16) AvxMath.normal16(d, i, mean, std);
        if (n % 16 != 0) {
            int o = n - 16;
            for (int i = 0; i < 16; i++) d[o + i] = uniformFloat();
            AvxMath.normal16(d, o, mean, std);
        }
    }

    /** The same fill for float64 (normal_fill with the C library's double log/sin/cos). */
    synchronized void normalFillDouble(double[] d, double mean, double std) {
        int n = d.length;
        for (int i = 0; i < n; i++) d[i] = uniformDouble();
        for (int i = 0; i + 16 <= n; i += 16) normal16(d, i, mean, std);
        if (n % 16 != 0) {
            int o = n - 16;
            for (int i = 0; i < 16; i++) d[o + i] = uniformDouble();
            normal16(d, o, mean, std);
        }
    }

    private static void normal16(double[] d, int o, double mean, double std) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1 - d[o + j];
            double u2 = d[o + j + 8];
            // the C library's std::log/cos/sin (glibc's: StrictMath's differ in the last bit on a few in a hundred)
            double radius = Math.sqrt(-2 * io.gradbook.autograd.math.Glibc64.log(u1));
            double theta = 2.0f * Math.PI * u2;
            d[o + j] = radius * io.gradbook.autograd.math.Glibc64Trig.cos(theta) * std + mean;
            d[o + j + 8] = radius * io.gradbook.autograd.math.Glibc64Trig.sin(theta) * std + mean;
        }
    }
    /**
     * One full-range int64 draw, {@code torch.empty((), dtype=torch.int64).random_(generator=g).item()}: 64 bits
     * modulo 2^63. DataLoader draws its base seed and RandomSampler its own generator's seed this way.
     */
    public long randomInt64() {
        return random64() & Long.MAX_VALUE;
    }

    /** {@code torch.randperm(n, generator=g)}: PyTorch's CPU swap shuffle, one 32-bit draw per position. */
    public synchronized int[] randperm(int n) {
        if (n < 0) throw new TorchException.RuntimeError("Expected n >= 0 but got n=" + n);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (Integer.toUnsignedLong(random()) % (n - i));
            int sav = r[i];
            r[i] = r[z + i];
            r[z + i] = sav;
        }
        return r;
    }
}
