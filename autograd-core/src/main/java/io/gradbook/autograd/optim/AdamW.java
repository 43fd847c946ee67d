// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import java.util.List;

/**
 * {@code torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False,
 * maximize=False)}: Adam with decoupled weight decay, {@code p *= 1 - lr * weight_decay} before each update.
 */
public class AdamW extends Adam {
    public AdamW(List<?> params) {
        this(params, 1e-3);
    }

    public AdamW(List<?> params, double lr) {
        super(params, lr, true);
    }

    @Override
    boolean decoupled() {
        return true;
    }
}
