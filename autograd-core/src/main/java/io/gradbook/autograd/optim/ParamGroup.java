// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import io.gradbook.autograd.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of an optimizer's {@code param_groups}: parameters and the options that apply to them. Options given
 * here override the optimizer's defaults for this group only:
 *
 * <pre>
 * jshell> var opt = new SGD(List.of(ParamGroup.of(model.get(0).parameters()),
 *    ...>                           ParamGroup.of(model.get(2).parameters()).set("lr", 0.01)), 0.1).momentum(0.9);
 * </pre>
 */
public final class ParamGroup {
    final List<Tensor> params;
    /** Options in PyTorch's key order once the group joins an optimizer. */
    final Map<String, Object> options = new LinkedHashMap<>();
    final java.util.Set<String> explicit = new java.util.HashSet<>();

    private ParamGroup(List<Tensor> params) {
        this.params = new ArrayList<>(params);
    }

    public static ParamGroup of(List<Tensor> params) {
        return new ParamGroup(params);
    }

    public static ParamGroup of(Tensor... params) {
        return new ParamGroup(List.of(params));
    }

    /** Sets an option for this group ({@code {'params': ..., 'lr': 0.01}}); returns this group. */
    public ParamGroup set(String option, Object value) {
        options.put(option, value instanceof Float ? (Object) ((Float) value).doubleValue() : value);
        explicit.add(option);
        return this;
    }

    public List<Tensor> params() {
        return params;
    }

    /** {@code group['lr']}. */
    public double lr() {
        return num("lr");
    }

    /** {@code group['lr'] = v} (what lr schedulers do). */
    public void setLr(double lr) {
        options.put("lr", lr);
    }

    public Object get(String option) {
        return options.get(option);
    }

    double num(String option) {
        Object v = options.get(option);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    boolean flag(String option) {
        return Boolean.TRUE.equals(options.get(option));
    }

    double[] pair(String option) {
        return (double[]) options.get(option);
    }
}
