package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;

/**
 * Reusable scratch that finds overlapping byte ranges (headers in a descriptor, part data in the
 * data section, part data within each flow) without allocating once it has grown.
 *
 * <p>Two modes. <b>Streaming</b> (the fast path): ranges usually arrive in ascending order within
 * their group (a writer lays headers and data out front to back, and each flow's parts in order),
 * so each range is only compared with the previous one of its group and nothing is stored; a range
 * that starts before its predecessor sets {@link #outOfOrder()}, and the caller then repeats the
 * whole check in <b>storing</b> mode: ranges are kept, sorted by (group, start) — insertion sort up
 * to 32 ranges (linear when nearly sorted), heapsort above (O(n log n) on hostile input, no extra
 * memory) — and neighbours compared. An overlap found in either mode is a real one.
 */
final class IntervalSet {
    /** "header", "data" or "flow data": names the offending field in messages. */
    private final String what;
    private boolean storing;
    private boolean outOfOrder;
    // streaming state per group (flow ids are u16): the last range of each group seen this epoch
    private int epoch;
    private int[] groupEpoch = new int[4];
    private long[] groupStart = new long[4];
    private long[] groupEnd = new long[4];
    private long[] groupField = new long[4];
    private long[] groupOwner = new long[4];
    /** Streaming mode's first overlap, reported by requireDisjoint so that the order of errors matches storing mode. */
    private boolean pending;
    private final long[] pendingOverlap = new long[9];

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

    IntervalSet(String what) {
        this.what = what;
    }

    /** Starts a new set; {@code storingMode} false is the streaming fast path. */
    void clear(boolean storingMode) {
        storing = storingMode;
        outOfOrder = false;
        pending = false;
        size = 0;
        inOrder = true;
        if (++epoch == 0) { // after 2^32 sets the epochs wrap: forget every group once
            java.util.Arrays.fill(groupEpoch, 0);
            epoch = 1;
        }
    }

    /** Streaming mode saw a range start before its group's previous one: repeat in storing mode. */
    boolean outOfOrder() {
        return outOfOrder;
    }

    /**
     * Adds {@code [start, end)}; empty ranges overlap nothing and are skipped. {@code group} is 0 or
     * a flow id (below 65536).
     *
     * In streaming mode, a range that starts inside its group's previous range is remembered as the
     * set's overlap (the first one only).
     */
    void add(long group, long start, long end, long fieldOffset, long owner) {
        if (end == start) {
            return;
        }
        if (!storing) {
            stream((int) group, start, end, fieldOffset, owner);
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

    private void stream(int g, long start, long end, long fieldOffset, long owner) {
        if (g >= groupEpoch.length) {
            growGroups(g);
        }
        if (groupEpoch[g] == epoch) {
            if (start < groupStart[g]) {
                outOfOrder = true; // undecidable without the earlier ranges
            } else if (start < groupEnd[g] && !pending) {
                pending = true;
                long[] o = pendingOverlap;
                o[0] = groupField[g];
                o[1] = groupOwner[g];
                o[2] = groupStart[g];
                o[3] = groupEnd[g];
                o[4] = g;
                o[5] = fieldOffset;
                o[6] = owner;
                o[7] = start;
                o[8] = end;
            }
        }
        groupEpoch[g] = epoch;
        groupStart[g] = start;
        groupEnd[g] = end;
        groupField[g] = fieldOffset;
        groupOwner[g] = owner;
    }

    private void growGroups(int g) {
        int n = Math.max(groupEpoch.length * 2, g + 1);
        groupEpoch = java.util.Arrays.copyOf(groupEpoch, n);
        groupStart = java.util.Arrays.copyOf(groupStart, n);
        groupEnd = java.util.Arrays.copyOf(groupEnd, n);
        groupField = java.util.Arrays.copyOf(groupField, n);
        groupOwner = java.util.Arrays.copyOf(groupOwner, n);
    }

    private GenDcFormatException overlap(long prevField, long prevOwner, long prevStart, long prevEnd, long g,
            long curField, long curOwner, long curStart, long curEnd) {
        return new GenDcFormatException(curField, describe(curOwner, what),
                "no overlap with " + describe(prevOwner, what) + " " + Hex.range(prevStart, prevEnd)
                        + (what.equals("flow data") ? " in flow " + g : ""),
                Hex.range(curStart, curEnd));
    }

    /**
     * Throws for the first overlap found (storing mode: in sorted order; streaming mode: the one
     * {@link #add} remembered). Meaningless for a streaming set that is {@link #outOfOrder()}.
     */
    void requireDisjoint() throws GenDcFormatException {
        if (!storing) {
            if (pending) {
                long[] o = pendingOverlap;
                throw overlap(o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8]);
            }
            return;
        }
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
                throw overlap(fieldOffset[prev], owner[prev], start[prev], end[prev], group[cur], fieldOffset[cur],
                        owner[cur], start[cur], end[cur]);
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
