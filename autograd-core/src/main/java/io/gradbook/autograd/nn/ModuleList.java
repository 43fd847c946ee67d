// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@code nn.ModuleList}: a list whose modules are registered (so their parameters are found); no forward. */
public class ModuleList extends Module implements Iterable<Module> {
    public ModuleList(Module... modules) {
        for (Module m : modules) append(m);
    }

    public ModuleList(List<? extends Module> modules) {
        for (Module m : modules) append(m);
    }

    /** {@code append(module)}; returns this list. */
    public ModuleList append(Module module) {
        registerModule(Integer.toString(moduleMap().size()), module);
        return this;
    }

    /** {@code list[i]}, negative indices from the end. */
    public Module get(int index) {
        return at(this, index);
    }

    public int size() {
        return moduleMap().size();
    }

    @Override
    public Iterator<Module> iterator() {
        return new ArrayList<>(moduleMap().values()).iterator();
    }

    static Module at(Module container, int index) {
        int n = container.moduleMap().size();
        if (index < -n || index >= n) throw new TorchException.IndexError("index " + index + " is out of range");
        return container.moduleMap().get(Integer.toString(index < 0 ? index + n : index));
    }
}
