package io.gevgate.acquisition.gvsp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded lock-free multi-producer multi-consumer queue (D. Vyukov's sequence-number ring).
 * No allocation on offer or poll. Used for the free-buffer pool and the completed-frame hand-off,
 * where the receiver thread may also poll (to drop the oldest frame when the consumer is slow).
 */
final class BoundedMpmcQueue<E> {
    private final int mask;
    private final AtomicReferenceArray<E> items;
    private final AtomicLongArray sequences;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    BoundedMpmcQueue(int minCapacity) {
        int cap = Integer.highestOneBit(Math.max(2, minCapacity) - 1) << 1;
        this.mask = cap - 1;
        this.items = new AtomicReferenceArray<>(cap);
        this.sequences = new AtomicLongArray(cap);
        for (int i = 0; i < cap; i++) {
            sequences.set(i, i);
        }
    }

    int capacity() {
        return mask + 1;
    }

    boolean offer(E e) {
        while (true) {
            long t = tail.get();
            int idx = (int) (t & mask);
            long seq = sequences.get(idx);
            long dif = seq - t;
            if (dif == 0) {
                if (tail.compareAndSet(t, t + 1)) {
                    items.set(idx, e);
                    sequences.set(idx, t + 1);
                    return true;
                }
            } else if (dif < 0) {
                return false; // full
            }
            Thread.onSpinWait();
        }
    }

    E poll() {
        while (true) {
            long h = head.get();
            int idx = (int) (h & mask);
            long seq = sequences.get(idx);
            long dif = seq - (h + 1);
            if (dif == 0) {
                if (head.compareAndSet(h, h + 1)) {
                    E e = items.get(idx);
                    items.set(idx, null);
                    sequences.set(idx, h + mask + 1);
                    return e;
                }
            } else if (dif < 0) {
                return null; // empty
            }
            Thread.onSpinWait();
        }
    }

    int size() {
        long s = tail.get() - head.get();
        return (int) Math.max(0, Math.min(s, mask + 1));
    }
}
