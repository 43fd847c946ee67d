// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.AbstractList;
import java.util.List;

/**
 * An immutable list that prints as a Python tuple: {@code ((<MulBackward0 object at 0x...>, 0), (None, 0))},
 * {@code (x,)} for one element, {@code ()} for none. What {@code next_functions} and {@code display(a, b)} show.
 */
public final class PyTuple<T> extends AbstractList<T> {
    private final Object[] items;

    private PyTuple(Object[] items) {
        this.items = items;
    }

    @SafeVarargs
    public static <T> PyTuple<T> of(T... items) {
        return new PyTuple<>(items == null ? new Object[] {null} : items.clone());
    }

    static <T> PyTuple<T> copyOf(List<T> items) {
        return new PyTuple<>(items.toArray());
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public String toString() {
        return PyRepr.repr(this);
    }

}
