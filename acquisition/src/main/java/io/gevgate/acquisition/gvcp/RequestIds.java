package io.gevgate.acquisition.gvcp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * 16-bit GVCP request ids: never 0, wrapping 0xFFFF → 1, safe for concurrent callers. Starts close to
 * the wrap (like Aravis) so wrap bugs show up early.
 */
public final class RequestIds {
    private final AtomicInteger last;

    public RequestIds() {
        this(0xFF14);
    }

    public RequestIds(int start) {
        last = new AtomicInteger(start & 0xFFFF);
    }

    public int next() {
        return last.updateAndGet(v -> v >= 0xFFFF ? 1 : v + 1);
    }
}
