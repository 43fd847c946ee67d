// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False)}.
 *
 * <pre>
 * jshell> var opt = new SGD(model.parameters(), 1e-3).momentum(0.9);
 * </pre>
 */
public class SGD extends Optimizer {
    public SGD(List<?> params, double lr) {
        super(params, defaults(lr));
        addInitialGroups();
    }

    private static Map<String, Object> defaults(double lr) {
        check(lr >= 0, "Invalid learning rate: " + num(lr));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", 0);
        d.put("dampening", 0);
        d.put("weight_decay", 0);
        d.put("nesterov", false);
        d.put("maximize", false);
        d.put("foreach", null);
        d.put("differentiable", false);
        return d;
    }

    public SGD momentum(double momentum) {
        check(momentum >= 0, "Invalid momentum value: " + num(momentum));
        setDefault("momentum", momentum);
        return this;
    }

    public SGD dampening(double dampening) {
        setDefault("dampening", dampening);
        return this;
    }

    public SGD weightDecay(double weightDecay) {
        check(weightDecay >= 0, "Invalid weight_decay value: " + num(weightDecay));
        setDefault("weight_decay", weightDecay);
        return this;
    }

    public SGD nesterov(boolean nesterov) {
        setDefault("nesterov", nesterov);
        return this;
    }

    public SGD maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    @Override
    public void step() {
        noGradStep(() -> {
            for (ParamGroup g : paramGroups()) {
                double lr = g.lr(), momentum = g.num("momentum"), dampening = g.num("dampening"), weightDecay = g.num("weight_decay");
                boolean nesterov = g.flag("nesterov"), maximize = g.flag("maximize");
                if (nesterov && (momentum <= 0 || dampening != 0)) throw new TorchException.ValueError("Nesterov momentum requires a momentum and zero dampening");
                for (Tensor p : g.params) {
                    if (p.grad() == null) continue;
                    Map<String, Object> st = state(p);
                    Tensor dp = signed(p.grad(), maximize);
                    if (weightDecay != 0) dp = dp.add(p, weightDecay);
                    if (momentum != 0) {
                        Tensor buf = (Tensor) st.get("momentum_buffer");
                        if (buf == null) {
                            buf = dp.clone().detach();
                        } else {
                            buf.mul_(momentum).add_(dp, 1 - dampening);
                        }
                        st.put("momentum_buffer", buf);
                        dp = nesterov ? dp.add(buf, momentum) : buf;
                    } else {
                        st.put("momentum_buffer", null);
                    }
                    p.add_(dp, -lr);
                }
            }
        });
    }
}
