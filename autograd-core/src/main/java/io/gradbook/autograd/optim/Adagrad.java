// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
 * maximize=False)}. Its state (step, sum) exists from construction, as in PyTorch.
 */
public class Adagrad extends Optimizer {
    public Adagrad(List<?> params) {
        this(params, 1e-2);
    }

    public Adagrad(List<?> params, double lr) {
        super(params, defaults(lr));
        addInitialGroups();
        initState();
    }

    private static Map<String, Object> defaults(double lr) {
        check(lr >= 0, "Invalid learning rate: " + num(lr));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("lr_decay", 0);
        d.put("eps", 1e-10);
        d.put("weight_decay", 0);
        d.put("initial_accumulator_value", 0);
        d.put("foreach", null);
        d.put("maximize", false);
        return d;
    }

    private void initState() {
        for (ParamGroup g : paramGroups()) {
            for (Tensor p : g.params) {
                Map<String, Object> st = state(p);
                st.put("step", tensor(0.0));
                st.put("sum", fullLike(p, g.num("initial_accumulator_value")));
            }
        }
    }

    public Adagrad lrDecay(double lrDecay) {
        check(lrDecay >= 0, "Invalid lr_decay value: " + num(lrDecay));
        setDefault("lr_decay", lrDecay);
        return this;
    }

    public Adagrad weightDecay(double weightDecay) {
        check(weightDecay >= 0, "Invalid weight_decay value: " + num(weightDecay));
        setDefault("weight_decay", weightDecay);
        return this;
    }

    /** Re-creates the accumulators filled with the new value (PyTorch fills them at construction). */
    public Adagrad initialAccumulatorValue(double value) {
        check(value >= 0, "Invalid initial_accumulator_value value: " + num(value));
        setDefault("initial_accumulator_value", value);
        initState();
        return this;
    }

    public Adagrad eps(double eps) {
        check(eps >= 0, "Invalid epsilon value: " + num(eps));
        setDefault("eps", eps);
        return this;
    }

    public Adagrad maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    @Override
    public void step() {
        noGradStep(() -> {
            for (ParamGroup g : paramGroups()) {
                double lr = g.lr(), lrDecay = g.num("lr_decay"), eps = g.num("eps"), weightDecay = g.num("weight_decay");
                boolean maximize = g.flag("maximize");
                for (Tensor p : g.params) {
                    if (p.grad() == null) continue;
                    Map<String, Object> st = state(p);
                    Tensor stepT = (Tensor) st.get("step"), sum = (Tensor) st.get("sum");
                    stepT.add_(1L);
                    double step = stepT.item();
                    Tensor grad = signed(p.grad(), maximize);
                    if (weightDecay != 0) grad = grad.add(p, weightDecay);
                    double clr = lr / (1 + (step - 1) * lrDecay);
                    addcmul_(sum, grad, grad, 1);
                    Tensor std = sum.sqrt().add_(eps);
                    addcdiv_(p, grad, std, -clr);
                }
            }
        });
    }
}
