// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Note [Version counters]: every in-place write bumps the counter of the written tensor. Views and
 * {@code detach()} share their source's counter (they share its memory and its autograd history), while
 * {@code .data} gets a fresh one, which is why writes through {@code .data} escape the saved-tensor check.
 * A saved tensor remembers the version it was saved at and refuses to unpack at any other.
 */
final class VersionCounter {
    private int version;

    int current() {
        return version;
    }

    void bump() {
        version++;
    }
}
