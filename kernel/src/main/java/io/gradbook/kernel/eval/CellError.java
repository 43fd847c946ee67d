// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.List;

/** A cell that failed: Jupyter's error triple (ename, evalue, traceback lines). */
public final class CellError extends Exception {
    public final String ename;
    public final String evalue;
    public final List<String> traceback;

    public CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = traceback;
    }
}
