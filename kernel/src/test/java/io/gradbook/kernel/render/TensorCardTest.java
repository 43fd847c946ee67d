// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradbook.autograd.Tensor;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tensor card: PyTorch's own text of the tensor, and every element styled inline against notebook CSS. */
class TensorCardTest {
    private static String recorded(String notebook, String seedIn, String field) throws Exception {
        Path testdata = Path.of(System.getProperty("gradbook.testdata", "../testdata"));
        for (JsonNode c : new ObjectMapper().readTree(testdata.resolve("reference/" + notebook + ".expect.json").toFile())) {
            if (seedIn.equals(c.path("seed_in").asText())) return c.get(field).asText();
        }
        throw new AssertionError("no cell " + seedIn);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    @Test
    void showsPyTorchsTextOfTheValues() throws Exception {
        // ref-001 In[85]: torch.arange(4.0) -> PyTorch prints tensor([0., 1., 2., 3.]), not 0.0000 1.0000 ...
        String card = unescape(TensorCard.html(arange(4.0)));
        assertTrue(card.contains(">" + recorded("ref-001", "85", "result_text") + "</pre>"), card);
        // ref-002 In[9]: print(x.grad) after z.backward(v) -> tensor([2.0000, 0.2000, 0.0200, 0.0020])
        Tensor x = tensor(1.0, 2.0, 3.0, 4.0).requiresGrad_();
        mul(2, x).view(2, 2).backward(tensor(new double[][] {{1.0, 0.1}, {0.01, 0.001}}, float_));
        String leaf = unescape(TensorCard.html(x));
        assertTrue(leaf.contains(recorded("ref-002", "9", "stdout").strip() + "</pre>"), leaf);
        assertTrue(leaf.contains(">tensor([1., 2., 3., 4.], requires_grad=True)</pre>"), leaf);
    }

    @Test
    void everyElementCarriesItsOwnStyle() {
        Tensor w = ones(2, 2).requiresGrad_();
        w.mul(3).sum().backward();
        for (String html : new String[] {TensorCard.html(w), TensorCard.html(w.mul(2)), TensorCard.nodeHtml(w.mul(2).gradFn())}) {
            Matcher m = Pattern.compile("<(table|tr|th|td|pre|div)( [^>]*)?>").matcher(html);
            int n = 0;
            while (m.find()) {
                n++;
                assertTrue(m.group(2) != null && m.group(2).contains("style=\""), "unstyled <" + m.group(1) + "> in " + html);
            }
            assertTrue(n > 3, html);
            for (String rule : new String[] {"background:transparent", "border:0", "text-align:left"}) assertTrue(html.contains(rule), rule);
        }
        assertEquals(-1, TensorCard.html(w).indexOf("#fff"), "no fixed light colours: the page's own colour shows through");
    }
}
