// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's ready queue leaves tasks in exactly the order java.util.PriorityQueue did with the engine's former
 * comparator, ties included (every AccumulateGrad has sequence number Long.MAX_VALUE, so the order among them is
 * the heap's, and hooks or printing in them can see it).
 */
class ReadyQueueTest {
    private static NodeTask task(long sequenceNr) {
        Node node = new Node(new Edge[0], new int[0][], new DType[0], 1, sequenceNr) {
            @Override
            public String name() {
                return "TestBackward";
            }

            @Override
            Tensor[] apply(Tensor[] gradOutputs) {
                return new Tensor[0];
            }
        };
        return new NodeTask(node);
    }

    @Test
    void pollsInPriorityQueuesOrderWithTies() {
        SplittableRandom random = new SplittableRandom(14);
        for (int round = 0; round < 200; round++) {
            ReadyQueue ours = new ReadyQueue();
            PriorityQueue<NodeTask> theirs = new PriorityQueue<>((a, b) -> Long.compare(b.sequenceNr, a.sequenceNr));
            // few distinct numbers so that ties are common; Long.MAX_VALUE as AccumulateGrad's
            int distinct = 1 + random.nextInt(6);
            int ops = 1 + random.nextInt(300);
            for (int op = 0; op < ops; op++) {
                if (random.nextInt(3) < 2) {
                    int pick = random.nextInt(distinct);
                    NodeTask t = task(pick == 0 ? Long.MAX_VALUE : pick);
                    ours.add(t);
                    theirs.add(t);
                } else {
                    assertSame(theirs.poll(), ours.poll());
                }
                assertTrue(ours.isEmpty() == theirs.isEmpty());
            }
            while (!theirs.isEmpty()) assertSame(theirs.poll(), ours.poll());
            assertNull(ours.poll());
            assertTrue(ours.isEmpty());
        }
    }
}
