// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The errors PyTorch raises, named by their Python type so a notebook shows the same {@code RuntimeError: ...}
 * line. The message is PyTorch's text, word for word.
 */
public abstract class TorchException extends RuntimeException {
    TorchException(String message) {
        super(message);
    }

    /** Python's exception type name: {@code RuntimeError}, {@code IndexError}, {@code ValueError}, ... */
    public abstract String pythonType();

    /** PyTorch's RuntimeError (most autograd and shape errors). */
    public static class RuntimeError extends TorchException {
        public RuntimeError(String message) {
            super(message);
        }

        @Override
        public String pythonType() {
            return "RuntimeError";
        }
    }

    /** Python's IndexError (dims and indices out of range). */
    public static class IndexError extends TorchException {
        public IndexError(String message) {
            super(message);
        }

        @Override
        public String pythonType() {
            return "IndexError";
        }
    }

    /** Python's ValueError ({@code item()} on a multi-element tensor). */
    public static class ValueError extends TorchException {
        public ValueError(String message) {
            super(message);
        }

        @Override
        public String pythonType() {
            return "ValueError";
        }
    }

    /** Python's TypeError (wrong kind of argument). */
    public static class TypeError extends TorchException {
        public TypeError(String message) {
            super(message);
        }

        @Override
        public String pythonType() {
            return "TypeError";
        }
    }

    /** A backward pass stopped because its thread was interrupted (a kernel interrupt). */
    public static class BackwardInterrupted extends TorchException {
        public BackwardInterrupted() {
            super("backward interrupted");
        }

        @Override
        public String pythonType() {
            return "KeyboardInterrupt";
        }
    }

    /** Python's NotImplementedError (an unknown padding mode, a Module subclass without {@code forward}). */
    public static class NotImplementedError extends TorchException {
        public NotImplementedError(String message) {
            super(message);
        }

        @Override
        public String pythonType() {
            return "NotImplementedError";
        }
    }

    /** Python's KeyError (bad names given to a module's register methods). */
    public static class KeyError extends TorchException {
        public KeyError(String message) {
            super(message);
        }

        @Override
        public String pythonType() {
            return "KeyError";
        }
    }

    /** Python's AttributeError (a module has no sub-module or parameter of that name). */
    public static class AttributeError extends TorchException {
        public AttributeError(String message) {
            super(message);
        }

        @Override
        public String pythonType() {
            return "AttributeError";
        }
    }
}
