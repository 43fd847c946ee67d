// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.protocol;

/** The kernel's sockets, named as in the connection file. */
public enum Channel {
    SHELL, CONTROL, IOPUB, STDIN, HEARTBEAT
}
