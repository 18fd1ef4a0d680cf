package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;

/**
 * Reusable scratch that finds overlapping byte ranges (headers in a descriptor, part data in the
 * data section, part data within each flow) in O(n log n) without allocating once it has grown:
 * ranges are sorted by (group, start) and neighbours compared. Ranges usually arrive in order (a
 * writer lays headers and data out front to back), so an in-order set is not sorted at all, a small
 * one is insertion-sorted (linear when nearly sorted), and a large one heap-sorted: its worst case
 * stays O(n log n) on hostile input and it needs no extra memory.
 */
final class IntervalSet {
    private long[] group = new long[32];
    private long[] start = new long[32];
    private long[] end = new long[32];
    /** Where the range's offset field sits (for the exception) and who owns it (encoded). */
    private long[] fieldOffset = new long[32];
    private long[] owner = new long[32];
    private int[] order = new int[32];
    private int size;
    /** True while every range was added at or after the previous one in (group, start) order. */
    private boolean inOrder;
    /** Above this many ranges, heapsort instead of insertion sort. */
    private static final int INSERTION_SORT_MAX = 32;

    /** Owner code of the container header. */
    static final long OWNER_CONTAINER = -1;
    /** Owner code of the descriptor reserved at the start of flow 0. */
    static final long OWNER_DESCRIPTOR = -2;

    static long componentOwner(int component) {
        return ((long) component << 32) | 0xFFFF_FFFFL;
    }

    static long partOwner(int component, int part) {
        return ((long) component << 32) | part;
    }

    void clear() {
        size = 0;
        inOrder = true;
    }

    /** Adds {@code [start, end)}; empty ranges overlap nothing and are skipped. */
    void add(long group, long start, long end, long fieldOffset, long owner) {
        if (end == start) {
            return;
        }
        if (size == this.start.length) {
            grow();
        }
        if (size > 0 && (group < this.group[size - 1]
                || (group == this.group[size - 1] && start < this.start[size - 1]))) {
            inOrder = false;
        }
        this.group[size] = group;
        this.start[size] = start;
        this.end[size] = end;
        this.fieldOffset[size] = fieldOffset;
        this.owner[size] = owner;
        size++;
    }

    /**
     * Throws for the first overlap found.
     *
     * @param what "header", "data" or "flow data": names the offending field in the message
     */
    void requireDisjoint(String what) throws GenDcFormatException {
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (!inOrder) {
            if (size <= INSERTION_SORT_MAX) {
                insertionSort();
            } else {
                heapSort();
            }
        }
        for (int k = 1; k < size; k++) {
            int prev = order[k - 1];
            int cur = order[k];
            if (group[prev] == group[cur] && start[cur] < end[prev]) {
                throw new GenDcFormatException(fieldOffset[cur], describe(owner[cur], what),
                        "no overlap with " + describe(owner[prev], what) + " " + Hex.range(start[prev], end[prev])
                                + (what.equals("flow data") ? " in flow " + group[cur] : ""),
                        Hex.range(start[cur], end[cur]));
            }
        }
    }

    private static String describe(long owner, String what) {
        if (owner == OWNER_CONTAINER) {
            return "container header";
        }
        if (owner == OWNER_DESCRIPTOR) {
            return "descriptor (flow 0)";
        }
        int component = (int) (owner >>> 32);
        int part = (int) owner;
        if (part == -1) {
            return "ComponentOffset[" + component + "] (component header)";
        }
        String base = "Component[" + component + "].";
        return switch (what) {
            case "header" -> base + "PartOffset[" + part + "] (part header)";
            case "data" -> base + "Part[" + part + "].DataOffset";
            default -> base + "Part[" + part + "].FlowOffset";
        };
    }

    private boolean less(int a, int b) {
        return group[a] < group[b] || (group[a] == group[b] && start[a] < start[b]);
    }

    private void insertionSort() {
        for (int i = 1; i < size; i++) {
            int x = order[i];
            int j = i - 1;
            while (j >= 0 && less(x, order[j])) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    private void heapSort() {
        int n = size;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(i, n);
        }
        for (int last = n - 1; last > 0; last--) {
            int t = order[0];
            order[0] = order[last];
            order[last] = t;
            siftDown(0, last);
        }
    }

    private void siftDown(int root, int n) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && less(order[child], order[child + 1])) {
                child++;
            }
            if (!less(order[root], order[child])) {
                return;
            }
            int t = order[root];
            order[root] = order[child];
            order[child] = t;
            root = child;
        }
    }

    private void grow() {
        int n = start.length * 2;
        group = java.util.Arrays.copyOf(group, n);
        start = java.util.Arrays.copyOf(start, n);
        end = java.util.Arrays.copyOf(end, n);
        fieldOffset = java.util.Arrays.copyOf(fieldOffset, n);
        owner = java.util.Arrays.copyOf(owner, n);
        order = java.util.Arrays.copyOf(order, n);
    }
}
