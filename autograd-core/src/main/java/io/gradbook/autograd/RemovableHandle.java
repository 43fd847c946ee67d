// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** What {@code registerHook} returns: {@code handle.remove()} unregisters the hook (PyTorch's RemovableHandle). */
@FunctionalInterface
public interface RemovableHandle {
    void remove();
}
