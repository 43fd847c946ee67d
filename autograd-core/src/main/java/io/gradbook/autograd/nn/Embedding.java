// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.Embedding(num_embeddings, embedding_dim, padding_idx)}: a lookup table of rows, initialised N(0, 1)
 * (PyTorch's draw), the padding row zeroed and kept out of the gradient.
 */
public class Embedding extends Module {
    public final int numEmbeddings, embeddingDim;
    /** null for none. */
    public final Integer paddingIdx;
    public final Tensor weight;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        if (paddingIdx != null) {
            if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) throw new io.gradbook.autograd.TorchException.RuntimeError("Padding_idx must be within num_embeddings");
            if (paddingIdx < 0) paddingIdx = paddingIdx + numEmbeddings;
        }
        this.paddingIdx = paddingIdx;
        this.weight = registerParameter("weight", parameter(zeros(numEmbeddings, embeddingDim)));
        resetParameters();
    }

    public void resetParameters() {
        Init.normal_(weight);
        if (paddingIdx != null) {
            try (var ignored = noGrad()) {
                weight.get(paddingIdx).fill_(0);
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.embedding(input, weight, paddingIdx);
    }

    @Override
    public String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
