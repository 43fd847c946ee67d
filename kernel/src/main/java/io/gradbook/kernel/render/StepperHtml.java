// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.kernel.runtime.BackwardTrace;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The interactive stepper of a recorded backward pass: the graph picture with the current node outlined, and a
 * panel with what arrives at it, what it sends to each input (with its rule), hooks, freed saved tensors and leaf
 * gradients. Prev/next buttons, a slider and the arrow keys move through the steps. Self-contained HTML with one
 * inline script (no network, so it works in Notebook 6, JupyterLab and exported HTML); without scripts (an
 * untrusted notebook) the same steps show as a numbered list, which the script hides when it runs.
 */
public final class StepperHtml {
    private StepperHtml() {}

    private static final AtomicLong IDS = new AtomicLong();

    public static String html(BackwardTrace trace) {
        String id = "gbstep" + ProcessHandle.current().pid() + "x" + IDS.incrementAndGet();
        List<BackwardTrace.Step> steps = trace.steps();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<div class=\"gradbook-stepper\" id=\"").append(id).append("\" tabindex=\"0\" style=\"outline:none;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:inherit\">\n");
        sb.append("<div style=\"font-weight:bold;margin-bottom:4px\">").append(esc(trace.title().replace('\n', ' '))).append(" — ").append(trace.totalSteps()).append(" steps</div>\n");
        // the list every front end shows; the script replaces it by the stepper
        sb.append("<ol class=\"gb-list\" style=\"margin:4px 0;padding-left:22px\">\n");
        for (BackwardTrace.Step s : steps) {
            Interrupts.check();
            sb.append("<li>").append(detail(s)).append("</li>\n");
        }
        sb.append("</ol>\n");
        // past the cap: the count by kind and how to see more, shown with the list and with the stepper alike
        if (trace.leftOutNote() != null) sb.append("<div class=\"gb-more\" style=\"margin:4px 0;opacity:.75\">").append(esc(trace.leftOutNote())).append("</div>\n");
        sb.append("<div class=\"gb-ui\" style=\"display:none\">\n");
        sb.append("<div style=\"margin:4px 0\"><button class=\"gb-prev\" type=\"button\">◀ prev</button> <button class=\"gb-next\" type=\"button\">next ▶</button> ")
                .append("<input class=\"gb-slider\" type=\"range\" min=\"0\" max=\"").append(Math.max(0, steps.size() - 1)).append("\" value=\"0\" style=\"width:240px;vertical-align:middle\"> ")
                .append("<span class=\"gb-pos\"></span> <span style=\"opacity:.6\">(← → keys after a click)</span></div>\n");
        sb.append("<div style=\"display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start\">\n");
        sb.append("<div class=\"gb-graph\" style=\"overflow:auto;max-width:100%\">").append(trace.graph().svg()).append("</div>\n");
        sb.append("<div class=\"gb-panel\" style=\"min-width:260px;max-width:520px;white-space:pre-wrap;border-left:3px solid #d62728;padding-left:8px\"></div>\n");
        sb.append("</div></div>\n");
        // the steps as data for the script
        sb.append("<script type=\"application/json\" class=\"gb-data\">[");
        for (int i = 0; i < steps.size(); i++) {
            Interrupts.check();
            BackwardTrace.Step s = steps.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"box\":").append(s.box()).append(",\"html\":").append(json(detail(s))).append('}');
        }
        sb.append("]</script>\n");
        sb.append("<script>(function(){var root=document.getElementById(").append(json(id)).append(");if(!root)return;")
                .append("var steps=JSON.parse(root.querySelector('.gb-data').textContent);if(!steps.length)return;")
                .append("root.querySelector('.gb-list').style.display='none';root.querySelector('.gb-ui').style.display='block';")
                .append("var slider=root.querySelector('.gb-slider'),panel=root.querySelector('.gb-panel'),pos=root.querySelector('.gb-pos'),cur=0;")
                .append("function box(k){return root.querySelector('.gb-graph g[id=\"n'+k+'\"] rect');}")
                .append("function show(i){cur=Math.max(0,Math.min(steps.length-1,i));")
                .append("root.querySelectorAll('.gb-graph g[id^=\"n\"] rect').forEach(function(r){if(r.dataset.gbStroke){r.setAttribute('stroke',r.dataset.gbStroke);r.setAttribute('stroke-width',r.dataset.gbWidth);}});")
                .append("for(var j=0;j<=cur;j++){var d=box(steps[j].box);if(d){if(!d.dataset.gbStroke){d.dataset.gbStroke=d.getAttribute('stroke');d.dataset.gbWidth=d.getAttribute('stroke-width');}")
                .append("d.setAttribute('stroke',j==cur?'#d62728':'#2ca02c');d.setAttribute('stroke-width',j==cur?'3.5':'2.2');}}")
                .append("panel.innerHTML=steps[cur].html;slider.value=cur;pos.textContent='step '+(cur+1)+' of '+steps.length;}")
                .append("root.querySelector('.gb-prev').onclick=function(){show(cur-1);};root.querySelector('.gb-next').onclick=function(){show(cur+1);};")
                .append("slider.oninput=function(){show(+slider.value);};")
                .append("root.addEventListener('keydown',function(e){if(e.key=='ArrowRight'){show(cur+1);e.preventDefault();e.stopPropagation();}")
                .append("else if(e.key=='ArrowLeft'){show(cur-1);e.preventDefault();e.stopPropagation();}});show(0);})();</script>\n");
        return sb.append("</div>").toString();
    }

    /** One step as HTML (escaped text, line breaks kept by the panel's pre-wrap). */
    static String detail(BackwardTrace.Step s) {
        StringBuilder sb = new StringBuilder();
        sb.append("<b>").append(s.number()).append(". ").append(esc(s.node())).append("</b>");
        if (!s.rule().isEmpty()) sb.append("  <i>").append(esc(s.rule())).append("</i>");
        if (s.userHooks() > 0) sb.append("\n").append(s.userHooks()).append(" hook").append(s.userHooks() > 1 ? "s" : "").append(" ran first");
        for (String a : s.arriving()) sb.append("\nreceives ").append(esc(a));
        for (String out : s.sends()) sb.append("\n").append(esc(out));
        if (s.leafGrad() != null) sb.append("\n<b>leaf .grad is now</b> ").append(esc(s.leafGrad()));
        if (s.savedFreed() > 0) sb.append("\nfrees ").append(s.savedFreed()).append(" saved tensor").append(s.savedFreed() > 1 ? "s" : "");
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A JSON string literal that is also safe inside a script element. */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '<': sb.append("\\u003c"); break;
                case '>': sb.append("\\u003e"); break;
                case '&': sb.append("\\u0026"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
