// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code nn.Sequential}: modules applied one after another, registered under their indices "0", "1", ...
 *
 * <pre>
 * jshell> var model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
 * jshell> model.get(0)
 * Linear(in_features=3, out_features=1, bias=True)
 * </pre>
 */
public class Sequential extends Module implements Iterable<Module> {
    public Sequential(Module... modules) {
        for (Module m : modules) append(m);
    }

    /** {@code append(module)}: adds a module at the end; returns this Sequential. */
    public Sequential append(Module module) {
        registerModule(Integer.toString(moduleMap().size()), module);
        return this;
    }

    /** {@code model[i]}: negative indices count from the end, as in Python. */
    public Module get(int index) {
        return ModuleList.at(this, index);
    }

    /** {@code len(model)}. */
    public int size() {
        return moduleMap().size();
    }

    @Override
    public Iterator<Module> iterator() {
        return new ArrayList<>(moduleMap().values()).iterator();
    }

    @Override
    public Tensor forward(Tensor input) {
        for (Module m : moduleMap().values()) input = m.forward(input);
        return input;
    }
}
