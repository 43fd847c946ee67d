// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import io.gradbook.kernel.render.GraphPicture;

/** How long draw() takes for a 500-node graph (issue 5's target: under a second). */
public final class GraphBench {
    public static void main(String[] args) {
        Tensor x = ones(4).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 500; i++) y = i % 3 == 0 ? y.mul(1.01).add(x) : y.mul(0.99);
        for (int i = 0; i < 5; i++) GraphPicture.of(y); // warm-up
        long best = Long.MAX_VALUE;
        int nodes = 0;
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            GraphPicture p = GraphPicture.of(y);
            best = Math.min(best, System.nanoTime() - t);
            nodes = p.nodeCount();
        }
        System.out.printf("draw %d-node graph (cold JVM excluded)\t%.3f%n", nodes, best / 1e3);
    }
}
