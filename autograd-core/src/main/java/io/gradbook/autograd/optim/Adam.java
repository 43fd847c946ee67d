// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False,
 * maximize=False)}; {@link AdamW} shares the update with decoupled weight decay.
 */
public class Adam extends Optimizer {
    public Adam(List<?> params) {
        this(params, 1e-3);
    }

    public Adam(List<?> params, double lr) {
        super(params, defaults(lr, 0, false));
        addInitialGroups();
    }

    Adam(List<?> params, double lr, boolean adamw) {
        super(params, defaults(lr, 1e-2, adamw));
        addInitialGroups();
    }

    private static Map<String, Object> defaults(double lr, double adamwDecay, boolean adamw) {
        check(lr >= 0, "Invalid learning rate: " + num(lr));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("betas", new double[] {0.9, 0.999});
        d.put("eps", 1e-8);
        if (adamw) {
            d.put("weight_decay", adamwDecay);
            d.put("amsgrad", false);
            d.put("foreach", null);
            d.put("maximize", false);
            d.put("capturable", false);
        } else {
            d.put("weight_decay", 0);
            d.put("amsgrad", false);
            d.put("maximize", false);
            d.put("foreach", null);
            d.put("capturable", false);
            d.put("differentiable", false);
            d.put("fused", false);
        }
        return d;
    }

    public Adam betas(double beta1, double beta2) {
        check(beta1 >= 0 && beta1 < 1, "Invalid beta parameter at index 0: " + num(beta1));
        check(beta2 >= 0 && beta2 < 1, "Invalid beta parameter at index 1: " + num(beta2));
        setDefault("betas", new double[] {beta1, beta2});
        return this;
    }

    public Adam eps(double eps) {
        check(eps >= 0, "Invalid epsilon value: " + num(eps));
        setDefault("eps", eps);
        return this;
    }

    public Adam weightDecay(double weightDecay) {
        check(weightDecay >= 0, "Invalid weight_decay value: " + num(weightDecay));
        setDefault("weight_decay", weightDecay);
        return this;
    }

    public Adam amsgrad(boolean amsgrad) {
        setDefault("amsgrad", amsgrad);
        return this;
    }

    public Adam maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    /** AdamW decays the weights directly ({@code p *= 1 - lr * wd}) instead of adding wd * p to the gradient. */
    boolean decoupled() {
        return false;
    }

    @Override
    public void step() {
        noGradStep(() -> {
            for (ParamGroup g : paramGroups()) {
                double lr = g.lr(), eps = g.num("eps"), weightDecay = g.num("weight_decay");
                double beta1 = g.pair("betas")[0], beta2 = g.pair("betas")[1];
                boolean amsgrad = g.flag("amsgrad"), maximize = g.flag("maximize");
                for (Tensor p : g.params) {
                    if (p.grad() == null) continue;
                    Map<String, Object> st = state(p);
                    if (st.isEmpty()) {
                        st.put("step", tensor(0.0));
                        st.put("exp_avg", zerosLike(p));
                        st.put("exp_avg_sq", zerosLike(p));
                        if (amsgrad) st.put("max_exp_avg_sq", zerosLike(p));
                    }
                    Tensor grad = signed(p.grad(), maximize);
                    Tensor expAvg = (Tensor) st.get("exp_avg"), expAvgSq = (Tensor) st.get("exp_avg_sq");
                    Tensor stepT = (Tensor) st.get("step");
                    stepT.add_(1L);
                    if (decoupled()) p.mul_(1 - lr * weightDecay);
                    else if (weightDecay != 0) grad = grad.add(p, weightDecay);
                    expAvg.mul_(beta1).add_(grad, 1 - beta1);
                    addcmul_(expAvgSq.mul_(beta2), grad, grad, 1 - beta2);
                    double step = stepT.item();
                    double biasCorrection1 = 1 - Math.pow(beta1, step);
                    double biasCorrection2 = 1 - Math.pow(beta2, step);
                    double stepSize = lr / biasCorrection1;
                    double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
                    Tensor denom;
                    if (amsgrad) {
                        Tensor maxSq = (Tensor) st.get("max_exp_avg_sq");
                        maxSq.copy_(maximum(maxSq, expAvgSq));
                        denom = maxSq.sqrt().div(biasCorrection2Sqrt).add_(eps);
                    } else {
                        denom = expAvgSq.sqrt().div(biasCorrection2Sqrt).add_(eps);
                    }
                    addcdiv_(p, expAvg, denom, -stepSize);
                }
            }
        });
    }
}
