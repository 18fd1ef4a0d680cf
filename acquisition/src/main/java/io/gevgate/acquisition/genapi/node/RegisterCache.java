package io.gevgate.acquisition.genapi.node;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cached register bytes of one port, keyed by address, shared by every register node on that
 * port: aliases (a StructReg over an IntReg, two selectors landing on one address) read the
 * device once, and a write forgets every overlapping entry whoever cached it.
 */
final class RegisterCache {

    record Entry(byte[] data, long readAtMillis) {
    }

    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private int longest;

    /** The entry at exactly this address and length, if fresh for a node polling every {@code pollingMillis}. */
    byte[] get(long address, int length, long pollingMillis, long now) {
        Entry e = entries.get(address);
        if (e == null || e.data.length != length || (pollingMillis > 0 && now - e.readAtMillis >= pollingMillis)) {
            return null;
        }
        return e.data.clone();
    }

    void put(long address, byte[] data, long now) {
        forgetOverlapping(address, data.length);
        entries.put(address, new Entry(data.clone(), now));
        longest = Math.max(longest, data.length);
    }

    void remove(long address) {
        entries.remove(address);
    }

    /** Drops every entry sharing a byte with [address, address + length). */
    void forgetOverlapping(long address, int length) {
        long from = address - longest + 1;
        Iterator<Map.Entry<Long, Entry>> it = entries.subMap(Math.min(from, address), true, address + length, false)
                .entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Entry> e = it.next();
            if (e.getKey() + e.getValue().data.length > address) {
                it.remove();
            }
        }
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
