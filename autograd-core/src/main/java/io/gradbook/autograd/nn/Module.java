// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * PyTorch's {@code nn.Module}: a layer or model that owns parameters, buffers and sub-modules and computes
 * {@link #forward}.
 *
 * <p><b>Registration is explicit.</b> Python finds a module's parameters by watching attribute assignment; Java
 * cannot, and reflection over fields would depend on field order (unspecified) and miss locals. So a module
 * registers what it owns, in the order PyTorch would meet the assignments, and keeps the returned object in a
 * field:
 *
 * <pre>
 * jshell> class Polynomial3 extends Module {
 *    ...>     Tensor a = registerParameter("a", parameter(randn()));
 *    ...>     Linear fc = registerModule("fc", new Linear(3, 1));
 *    ...>     public Tensor forward(Tensor x) { return fc.forward(x).add(a); }
 *    ...> }
 * jshell> new Polynomial3()
 * Polynomial3(
 *   (fc): Linear(in_features=3, out_features=1, bias=True)
 * )
 * </pre>
 *
 * Field initialisers run in declaration order, so {@code manualSeed} gives the same initial values as the
 * Python class that assigns the same attributes in the same order.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistent = new java.util.HashSet<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();
    /** PyTorch's {@code module.training}. */
    protected boolean training = true;

    // ---- forward ------------------------------------------------------------------------------------------------

    /** The computation of this module ({@code module(x)} in PyTorch calls it). */
    public Tensor forward(Tensor input) {
        throw new TorchException.NotImplementedError("Module [" + getName() + "] is missing the required \"forward\" function");
    }

    // ---- registration ---------------------------------------------------------------------------------------------

    /**
     * Registers a parameter under {@code name} ({@code register_parameter}, or {@code self.name = nn.Parameter(t)});
     * {@code null} registers an absent one (a bias=False layer's {@code bias}). Returns the parameter.
     */
    protected Tensor registerParameter(String name, Tensor param) {
        checkName(name, "parameter");
        if (param != null && !param.isParameter()) {
            throw new TorchException.TypeError("cannot assign '" + typeName(param) + "' object to parameter '" + name + "' (torch.nn.Parameter or None required)");
        }
        parameters.put(name, param);
        return param;
    }

    /** Registers a buffer: state that is not a parameter but is saved in {@link #stateDict()} (running statistics). */
    protected Tensor registerBuffer(String name, Tensor buffer) {
        return registerBuffer(name, buffer, true);
    }

    /** {@code register_buffer(name, t, persistent)}: non-persistent buffers stay out of the state dict. */
    protected Tensor registerBuffer(String name, Tensor buffer, boolean persistent) {
        checkName(name, "buffer");
        buffers.put(name, buffer);
        if (!persistent) nonPersistent.add(name);
        return buffer;
    }

    /** Registers a sub-module under {@code name} ({@code self.name = module}); returns it. */
    protected <M extends Module> M registerModule(String name, M module) {
        checkName(name, "module");
        modules.put(name, module);
        return module;
    }

    private void checkName(String name, String what) {
        if (name == null) throw new TorchException.TypeError(what + " name should be a string. Got NoneType");
        if (name.contains(".")) throw new TorchException.KeyError(what + " name can't contain \".\"");
        if (name.isEmpty()) throw new TorchException.KeyError(what + " name can't be empty string \"\"");
    }

    private static String typeName(Tensor t) {
        return "torch." + t.dtype().legacyTypeName();
    }

    // ---- traversal ------------------------------------------------------------------------------------------------

    /** All parameters of this module and its sub-modules, each once, in registration order ({@code parameters()}). */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** {@code parameters(recurse=False)} when {@code recurse} is false. */
    public List<Tensor> parameters(boolean recurse) {
        if (recurse) return parameters();
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : parameters.values()) if (p != null) out.add(p);
        return out;
    }

    /** {@code named_parameters()}: dotted names ({@code 0.weight}) to parameters, shared ones listed once. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> p : e.getValue().parameters.entrySet()) {
                if (p.getValue() == null || !seen.add(p.getValue())) continue;
                out.put(prefix + p.getKey(), p.getValue());
            }
        }
        return out;
    }

    /** {@code buffers()}: the buffers of this module and its sub-modules. */
    public List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> b : e.getValue().buffers.entrySet()) {
                if (b.getValue() != null) out.put(prefix + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    /** {@code children()}: the direct sub-modules. */
    public List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (e.getValue() != null && seen.add(e.getValue())) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** {@code modules()}: this module and every sub-module, depth first, each once. */
    public List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** {@code named_modules()}: "" for this module, dotted paths for the others. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        // explicit stack of (prefix, module), pushed in reverse so the walk is PyTorch's pre-order
        List<Map.Entry<String, Module>> stack = new ArrayList<>();
        stack.add(Map.entry("", this));
        while (!stack.isEmpty()) {
            Map.Entry<String, Module> top = stack.remove(stack.size() - 1);
            if (!seen.add(top.getValue())) continue;
            out.put(top.getKey(), top.getValue());
            List<Map.Entry<String, Module>> kids = new ArrayList<>(top.getValue().modules.entrySet());
            for (int i = kids.size() - 1; i >= 0; i--) {
                Module m = kids.get(i).getValue();
                if (m == null) continue;
                String name = top.getKey().isEmpty() ? kids.get(i).getKey() : top.getKey() + "." + kids.get(i).getKey();
                stack.add(Map.entry(name, m));
            }
        }
        return out;
    }

    /** The sub-module registered under {@code name} ({@code getattr(module, name)}). */
    public Module getSubmodule(String target) {
        if (target.isEmpty()) return this;
        Module m = this;
        for (String part : target.split("\\.")) {
            Module next = m.modules.get(part);
            if (next == null) throw new TorchException.AttributeError(m.getName() + " has no attribute `" + part + "`");
            m = next;
        }
        return m;
    }

    /** The parameter registered under a (dotted) name ({@code get_parameter}). */
    public Tensor getParameter(String target) {
        int dot = target.lastIndexOf('.');
        Module owner = dot < 0 ? this : getSubmodule(target.substring(0, dot));
        String name = target.substring(dot + 1);
        if (!owner.parameters.containsKey(name)) throw new TorchException.AttributeError(owner.getName() + " has no attribute `" + name + "`");
        return owner.parameters.get(name);
    }

    // ---- modes and gradients ------------------------------------------------------------------------------------

    /** {@code train(mode)}: sets training mode here and in every sub-module; returns this module. */
    public Module train(boolean mode) {
        for (Module m : modules()) m.training = mode;
        return this;
    }

    public Module train() {
        return train(true);
    }

    /** {@code eval()}: {@code train(false)}. Dropout stops dropping, BatchNorm uses its running statistics. */
    public Module eval() {
        return train(false);
    }

    /** {@code module.training}. */
    public boolean isTraining() {
        return training;
    }

    /**
     * {@code zero_grad()} as in PyTorch 1.13 (set_to_none=False): every parameter's existing gradient is detached
     * and filled with zeros in place.
     */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** {@code zero_grad(set_to_none)}: with true, gradients become null instead. */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : parameters()) zeroGradOf(p, setToNone);
    }

    /** PyTorch's zeroing of one gradient, shared with the optimizers. */
    public static void zeroGradOf(Tensor p, boolean setToNone) {
        Tensor g = p.grad();
        if (g == null) return;
        if (setToNone) {
            p.setGrad(null);
            return;
        }
        if (g.gradFn() != null) g.detach_();
        else g.requiresGrad_(false);
        try (var ignored = Torch.noGrad()) {
            g.zero_();
        }
    }

    /** {@code requires_grad_(flag)} on every parameter; returns this module. */
    public Module requiresGrad_(boolean requiresGrad) {
        for (Tensor p : parameters()) p.requiresGrad_(requiresGrad);
        return this;
    }

    public Module requiresGrad_() {
        return requiresGrad_(true);
    }

    /** {@code apply(fn)}: calls fn on every sub-module (children first) and then on this one; returns this module. */
    public Module apply(Consumer<Module> fn) {
        for (Module child : children()) child.apply(fn);
        fn.accept(this);
        return this;
    }

    // ---- state dict ---------------------------------------------------------------------------------------------

    /** {@code state_dict()}: parameters and persistent buffers by dotted name, detached (sharing memory). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
            if (p.getValue() != null) out.put(prefix + p.getKey(), p.getValue().detach());
        }
        for (Map.Entry<String, Tensor> b : buffers.entrySet()) {
            if (b.getValue() != null && !nonPersistent.contains(b.getKey())) out.put(prefix + b.getKey(), b.getValue().detach());
        }
        for (Map.Entry<String, Module> m : modules.entrySet()) {
            if (m.getValue() != null) m.getValue().collectState(prefix + m.getKey() + ".", out);
        }
    }

    /** {@code load_state_dict(sd)} (strict): copies each entry into the tensor of the same name, in place. */
    public void loadStateDict(Map<String, Tensor> stateDict) {
        loadStateDict(stateDict, true);
    }

    /**
     * {@code load_state_dict(sd, strict)}: values are copied without autograd; with strict, missing and unexpected
     * keys are errors with PyTorch's text. Returns the missing and unexpected keys (PyTorch's named tuple).
     */
    public Map<String, List<String>> loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        Map<String, Tensor> own = new LinkedHashMap<>();
        collectOwned("", own);
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), errors = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = stateDict.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
                continue;
            }
            Tensor dst = e.getValue();
            if (!src.shape().equals(dst.shape())) {
                errors.add("size mismatch for " + e.getKey() + ": copying a param with shape " + src.shape() + " from checkpoint, the shape in current model is " + dst.shape() + ".");
                continue;
            }
            try (var ignored = Torch.noGrad()) {
                dst.copy_(src);
            }
        }
        for (String k : stateDict.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        if (strict) {
            if (!unexpected.isEmpty()) errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
            if (!missing.isEmpty()) errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ". ");
        }
        if (!errors.isEmpty()) {
            throw new TorchException.RuntimeError("Error(s) in loading state_dict for " + getName() + ":\n\t" + String.join("\n\t", errors));
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        result.put("missing_keys", missing);
        result.put("unexpected_keys", unexpected);
        return result;
    }

    private void collectOwned(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) if (p.getValue() != null) out.put(prefix + p.getKey(), p.getValue());
        for (Map.Entry<String, Tensor> b : buffers.entrySet()) {
            if (b.getValue() != null && !nonPersistent.contains(b.getKey())) out.put(prefix + b.getKey(), b.getValue());
        }
        for (Map.Entry<String, Module> m : modules.entrySet()) if (m.getValue() != null) m.getValue().collectOwned(prefix + m.getKey() + ".", out);
    }

    private static String quoted(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) sb.append(sb.length() == 0 ? "" : ", ").append('"').append(k).append('"');
        return sb.toString();
    }

    // ---- printing -------------------------------------------------------------------------------------------------

    /** The class name PyTorch prints ({@code _get_name()}). */
    public String getName() {
        return getClass().getSimpleName().isEmpty() ? "Module" : getClass().getSimpleName();
    }

    /** The part inside the parentheses of this module's own line ({@code extra_repr}); empty by default. */
    public String extraRepr() {
        return "";
    }

    /** PyTorch's module repr, character for character. */
    @Override
    public String toString() {
        List<String> extra = new ArrayList<>();
        String e = extraRepr();
        if (!e.isEmpty()) extra.addAll(List.of(e.split("\n", -1)));
        List<String> childLines = new ArrayList<>();
        for (Map.Entry<String, Module> m : modules.entrySet()) {
            String s = String.valueOf(m.getValue()).replace("\n", "\n  ");
            childLines.add("(" + m.getKey() + "): " + s);
        }
        StringBuilder sb = new StringBuilder(getName()).append('(');
        if (!extra.isEmpty() || !childLines.isEmpty()) {
            if (extra.size() == 1 && childLines.isEmpty()) {
                sb.append(extra.get(0));
            } else {
                List<String> lines = new ArrayList<>(extra);
                lines.addAll(childLines);
                sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
            }
        }
        return sb.append(')').toString();
    }

    /** The sub-modules map itself, for containers (Sequential, ModuleList) that keep indices as names. */
    Map<String, Module> moduleMap() {
        return modules;
    }
}
