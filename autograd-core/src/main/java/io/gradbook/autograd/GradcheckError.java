// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** PyTorch's {@code torch.autograd.gradcheck.GradcheckError} (a RuntimeError): the Jacobians did not match. */
public final class GradcheckError extends TorchException.RuntimeError {
    public GradcheckError(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "GradcheckError";
    }
}
