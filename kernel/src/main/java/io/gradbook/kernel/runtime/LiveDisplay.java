// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An output that updates in place while a cell runs (Jupyter's display_id with update_display_data): a live loss
 * curve, a progress bar. Updates are throttled — at most one message per {@link #INTERVAL_NANOS} — so a loop of a
 * million steps sends a handful of messages, not a million; whatever changed since the last message is sent when
 * the cell ends ({@link Notebook#flushLive()}), so the final picture is exact.
 */
public abstract class LiveDisplay {
    /** 200 ms: smooth to the eye, light on the front end (tqdm's notebook default is 100 ms). */
    static final long INTERVAL_NANOS = 200_000_000L;
    private static final AtomicLong IDS = new AtomicLong();
    private static final Set<LiveDisplay> PENDING = new LinkedHashSet<>();

    private final String displayId = "gradbook-live-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
    private boolean shown;
    private long lastSent;
    private int messages;

    /** The display id this output's messages carry. */
    public String displayId() {
        return displayId;
    }

    /** How many display messages this output has sent (the first display and its updates). */
    public int messagesSent() {
        return messages;
    }

    /** Call after a change: shows the output the first time, then updates it at most every 200 ms. */
    protected final void changed() {
        long now = System.nanoTime();
        if (shown && now - lastSent < INTERVAL_NANOS) {
            synchronized (PENDING) {
                PENDING.add(this);
            }
            return;
        }
        send(now);
    }

    private void send(long now) {
        Notebook.publish(new Notebook.LiveMessage(this, displayId, shown));
        shown = true;
        lastSent = now;
        messages++;
        synchronized (PENDING) {
            PENDING.remove(this);
        }
    }

    /** Sends the last state of every output that changed since its last message (the kernel calls it per cell). */
    static void flushAll() {
        LiveDisplay[] pending;
        synchronized (PENDING) {
            pending = PENDING.toArray(new LiveDisplay[0]);
            PENDING.clear();
        }
        for (LiveDisplay d : pending) d.send(System.nanoTime());
    }

    /** The MIME bundle of the current state: text/plain first, then richer forms. */
    public abstract java.util.Map<String, String> bundle();
}
