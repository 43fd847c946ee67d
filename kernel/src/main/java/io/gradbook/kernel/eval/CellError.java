// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.List;

/**
 * A cell that failed: Jupyter's error triple (ename, evalue, traceback lines), and where it failed as data
 * ({@link #locations}: the compile error's positions, or a runtime error's frames in cell code, innermost first),
 * so a front end or formatter can show them without parsing the traceback text.
 */
public final class CellError extends Exception {
    public final String ename;
    public final String evalue;
    public final List<String> traceback;
    public final List<Location> locations;

    /**
     * A place in a cell. {@code cell} names the cell as the kernel named it when it ran (e.g. "In[5]"; null for the
     * failing cell itself when it has no name); {@code line} and {@code column} are 1-based (column 0: unknown);
     * {@code method} is the cell-defined method the frame is in (null at the cell's top level).
     */
    public record Location(String cell, int line, int column, String method) {}

    public CellError(String ename, String evalue, List<String> traceback) {
        this(ename, evalue, traceback, List.of());
    }

    public CellError(String ename, String evalue, List<String> traceback, List<Location> locations) {
        super(ename + ": " + evalue);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = traceback;
        this.locations = locations;
    }
}
