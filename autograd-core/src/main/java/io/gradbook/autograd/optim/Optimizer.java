// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TensorPrinter;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;
import io.gradbook.autograd.nn.Module;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PyTorch's {@code torch.optim.Optimizer}: parameter groups with their options, per-parameter state, and a
 * {@link #step()} that updates every parameter that has a gradient, as PyTorch 1.13's single-tensor ("for-loop")
 * implementation does, operation for operation. Keyword options are fluent setters:
 *
 * <pre>
 * jshell> var opt = new SGD(model.parameters(), 0.1).momentum(0.9).nesterov(true);
 * </pre>
 */
public abstract class Optimizer {
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    /** Per-parameter state, keyed by the parameter's identity (PyTorch keys it by the tensor object). */
    protected final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();
    private final List<?> initialParams;

    /** {@code params}: a list of tensors (one group) or of {@link ParamGroup}s. */
    protected Optimizer(List<?> params, Map<String, Object> defaults) {
        this.defaults.putAll(defaults);
        if (params.isEmpty()) throw new TorchException.ValueError("optimizer got an empty parameter list");
        this.initialParams = params;
    }

    /** Adds the groups given to the constructor; subclasses call it once their defaults are complete. */
    protected final void addInitialGroups() {
        if (initialParams.get(0) instanceof ParamGroup) {
            for (Object g : initialParams) addParamGroup((ParamGroup) g);
        } else {
            List<Tensor> ts = new ArrayList<>();
            for (Object o : initialParams) ts.add((Tensor) o);
            addParamGroup(ParamGroup.of(ts));
        }
    }

    /** {@code add_param_group(group)}: the group's missing options take the defaults. */
    public void addParamGroup(ParamGroup group) {
        for (Tensor p : group.params) {
            if (!p.isLeaf()) throw new TorchException.ValueError("can't optimize a non-leaf Tensor");
            for (ParamGroup g : paramGroups) {
                for (Tensor q : g.params) if (q == p) throw new TorchException.ValueError("some parameters appear in more than one parameter group");
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Object> d : defaults.entrySet()) merged.put(d.getKey(), group.options.getOrDefault(d.getKey(), d.getValue()));
        for (Map.Entry<String, Object> o : group.options.entrySet()) merged.putIfAbsent(o.getKey(), o.getValue());
        group.options.clear();
        group.options.putAll(merged);
        paramGroups.add(group);
    }

    /** Sets an option in the defaults and in every group that did not set it itself (a keyword argument). */
    protected void setDefault(String option, Object value) {
        defaults.put(option, value);
        for (ParamGroup g : paramGroups) if (!g.explicit.contains(option)) g.options.put(option, value);
    }

    public List<ParamGroup> paramGroups() {
        return paramGroups;
    }

    /** {@code optimizer.defaults}. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** The state of one parameter (empty until its first step). */
    public Map<String, Object> state(Tensor param) {
        return state.computeIfAbsent(param, k -> new LinkedHashMap<>());
    }

    /** Performs one update of every parameter with a gradient. */
    public abstract void step();

    /** {@code step()} runs under no_grad, as PyTorch's {@code @torch.no_grad()} step does. */
    protected final void noGradStep(Runnable body) {
        try (var ignored = Torch.noGrad()) {
            body.run();
        }
    }

    /** {@code zero_grad()} with PyTorch 1.13's default set_to_none=False: gradients are zeroed in place. */
    public void zeroGrad() {
        zeroGrad(false);
    }

    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) for (Tensor p : g.params) Module.zeroGradOf(p, setToNone);
    }

    /**
     * {@code state_dict()}: {"state": {index: {name: value}}, "param_groups": [{options..., "params": [indices]}]},
     * parameters numbered in group order as PyTorch numbers them.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<Integer, Map<String, Object>> packedState = new LinkedHashMap<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> packed = new LinkedHashMap<>(g.options);
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params) {
                if (state.containsKey(p) && !state.get(p).isEmpty()) packedState.put(index, state.get(p));
                ids.add(index++);
            }
            packed.put("params", ids);
            groups.add(packed);
        }
        out.put("state", packedState);
        out.put("param_groups", groups);
        return out;
    }

    /** PyTorch's optimizer repr: each group's options, sorted by name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < paramGroups.size(); i++) {
            sb.append("\nParameter Group ").append(i);
            for (Map.Entry<String, Object> e : new TreeMap<>(paramGroups.get(i).options).entrySet()) {
                sb.append("\n    ").append(e.getKey()).append(": ").append(python(e.getValue()));
            }
            sb.append('\n');
        }
        return sb.append(")").toString();
    }

    static String python(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean) return (Boolean) v ? "True" : "False";
        if (v instanceof Double) return TensorPrinter.pythonFloat((Double) v);
        if (v instanceof double[]) {
            double[] d = (double[]) v;
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < d.length; i++) sb.append(i == 0 ? "" : ", ").append(TensorPrinter.pythonFloat(d[i]));
            return sb.append(d.length == 1 ? ",)" : ")").toString();
        }
        return v.toString();
    }

    static void check(boolean ok, String message) {
        if (!ok) throw new TorchException.ValueError(message);
    }

    static String num(double v) {
        return TensorPrinter.pythonFloat(v);
    }

    /** PyTorch's {@code grad if not maximize else -grad}. */
    static Tensor signed(Tensor grad, boolean maximize) {
        return maximize ? grad.neg() : grad;
    }

    /** {@code a.addcmul_(t1, t2, value=v)}: {@code fma(v * t1, t2, a)}, as PyTorch computes it. */
    static Tensor addcmul_(Tensor a, Tensor t1, Tensor t2, double value) {
        return a.addcmul_(t1, t2, value);
    }

    /** {@code a.addcdiv_(t1, t2, value=v)}: {@code a + v * t1 / t2}. */
    static Tensor addcdiv_(Tensor a, Tensor t1, Tensor t2, double value) {
        return a.addcdiv_(t1, t2, value);
    }
}
