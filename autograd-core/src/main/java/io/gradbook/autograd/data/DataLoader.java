// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.data;

import io.gradbook.autograd.Generator;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False, generator=None)} in the main process:
 * each pass yields batches (a list of tensors: features, labels, ...). Shuffling draws exactly what PyTorch 1.13
 * draws: per pass, one int64 base seed from the loader's generator (the default one if none), then a permutation
 * by {@code randperm} from the given generator, or from a fresh one seeded by another int64 draw from the default
 * generator. So {@code manualSeed} gives PyTorch's batch order, and the default generator moves on as it does
 * in PyTorch.
 *
 * <pre>
 * jshell> for (var batch : new DataLoader(new TensorDataset(x, y), 32).shuffle(true)) { var xb = batch.get(0); ... }
 * </pre>
 */
public final class DataLoader implements Iterable<List<Tensor>> {
    private final Dataset dataset;
    private final int batchSize;
    private boolean shuffle, dropLast;
    private Generator generator;

    public DataLoader(Dataset dataset) {
        this(dataset, 1);
    }

    public DataLoader(Dataset dataset, int batchSize) {
        if (batchSize <= 0) throw new io.gradbook.autograd.TorchException.ValueError("batch_size should be a positive integer value, but got batch_size=" + batchSize);
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    public DataLoader shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    public DataLoader dropLast(boolean dropLast) {
        this.dropLast = dropLast;
        return this;
    }

    /** The generator for shuffling and the base seed ({@code generator=g}). */
    public DataLoader generator(Generator generator) {
        this.generator = generator;
        return this;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** {@code len(loader)}: the number of batches per pass. */
    public int size() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<List<Tensor>> iterator() {
        Generator base = generator != null ? generator : Torch.defaultGenerator();
        base.randomInt64(); // _BaseDataLoaderIter's _base_seed, drawn even without workers
        return new Iterator<>() {
            private int[] order;
            private int next;

            private int[] order() {
                // RandomSampler.__iter__ runs at the first next(), after the base seed
                if (order == null) {
                    int n = dataset.size();
                    if (!shuffle) {
                        order = new int[n];
                        for (int i = 0; i < n; i++) order[i] = i;
                    } else {
                        Generator g = generator;
                        if (g == null) g = new Generator().manualSeed(Torch.defaultGenerator().randomInt64());
                        order = g.randperm(n);
                    }
                }
                return order;
            }

            private boolean exhausted;

            /**
             * RandomSampler.__iter__ ends with a second {@code randperm(n)[:num_samples % n]}, drawn (and thrown
             * away) when the batch sampler runs past the last index; with a user generator that draw is visible.
             */
            private void exhaust() {
                if (exhausted) return;
                exhausted = true;
                if (shuffle && generator != null) generator.randperm(dataset.size());
            }

            @Override
            public boolean hasNext() {
                int left = order().length - next;
                boolean more = dropLast ? left >= batchSize : left > 0;
                if (!more) exhaust();
                return more;
            }

            @Override
            public List<Tensor> next() {
                if (!hasNext()) throw new NoSuchElementException();
                int[] o = order();
                int n = Math.min(batchSize, o.length - next);
                int[] idx = java.util.Arrays.copyOfRange(o, next, next + n);
                next += n;
                if (n < batchSize) exhaust(); // a partial last batch is yielded after the sampler ran out
                return dataset.getBatch(idx);
            }
        };
    }
}
