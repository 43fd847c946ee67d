// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
 * maximize=False)}.
 */
public class RMSprop extends Optimizer {
    public RMSprop(List<?> params) {
        this(params, 1e-2);
    }

    public RMSprop(List<?> params, double lr) {
        super(params, defaults(lr));
        addInitialGroups();
    }

    private static Map<String, Object> defaults(double lr) {
        check(lr >= 0, "Invalid learning rate: " + num(lr));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", 0);
        d.put("alpha", 0.99);
        d.put("eps", 1e-8);
        d.put("centered", false);
        d.put("weight_decay", 0);
        d.put("foreach", null);
        d.put("maximize", false);
        d.put("differentiable", false);
        return d;
    }

    public RMSprop alpha(double alpha) {
        check(alpha >= 0, "Invalid alpha value: " + num(alpha));
        setDefault("alpha", alpha);
        return this;
    }

    public RMSprop eps(double eps) {
        check(eps >= 0, "Invalid epsilon value: " + num(eps));
        setDefault("eps", eps);
        return this;
    }

    public RMSprop weightDecay(double weightDecay) {
        check(weightDecay >= 0, "Invalid weight_decay value: " + num(weightDecay));
        setDefault("weight_decay", weightDecay);
        return this;
    }

    public RMSprop momentum(double momentum) {
        check(momentum >= 0, "Invalid momentum value: " + num(momentum));
        setDefault("momentum", momentum);
        return this;
    }

    public RMSprop centered(boolean centered) {
        setDefault("centered", centered);
        return this;
    }

    public RMSprop maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    @Override
    public void step() {
        noGradStep(() -> {
            for (ParamGroup g : paramGroups()) {
                double lr = g.lr(), alpha = g.num("alpha"), eps = g.num("eps"), weightDecay = g.num("weight_decay"), momentum = g.num("momentum");
                boolean centered = g.flag("centered"), maximize = g.flag("maximize");
                for (Tensor p : g.params) {
                    if (p.grad() == null) continue;
                    Map<String, Object> st = state(p);
                    if (st.isEmpty()) {
                        st.put("step", 0);
                        st.put("square_avg", zerosLike(p));
                        if (momentum > 0) st.put("momentum_buffer", zerosLike(p));
                        if (centered) st.put("grad_avg", zerosLike(p));
                    }
                    st.put("step", (Integer) st.get("step") + 1);
                    Tensor grad = signed(p.grad(), maximize);
                    Tensor squareAvg = (Tensor) st.get("square_avg");
                    if (weightDecay != 0) grad = grad.add(p, weightDecay);
                    addcmul_(squareAvg.mul_(alpha), grad, grad, 1 - alpha);
                    Tensor avg;
                    if (centered) {
                        Tensor gradAvg = (Tensor) st.get("grad_avg");
                        gradAvg.mul_(alpha).add_(grad, 1 - alpha);
                        avg = squareAvg.addcmul(gradAvg, gradAvg, -1).sqrt_();
                    } else {
                        avg = squareAvg.sqrt();
                    }
                    avg = avg.add_(eps);
                    if (momentum > 0) {
                        Tensor buf = (Tensor) st.get("momentum_buffer");
                        addcdiv_(buf.mul_(momentum), grad, avg, 1.0);
                        p.add_(buf, -lr);
                    } else {
                        addcdiv_(p, grad, avg, -lr);
                    }
                }
            }
        });
    }
}
