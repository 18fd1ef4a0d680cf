package io.gevgate.simulator.registers;

import io.gevgate.acquisition.gvcp.codec.GvcpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * The simulated device's address space: 32-bit registers (stored, computed or command) and byte
 * areas (strings, URLs, the XML). Only defined addresses exist; anything else is INVALID_ADDRESS,
 * so a client that reads past the space gets an error status instead of a crash.
 *
 * <p>GVCP access goes through {@link #read}/{@link #write}/{@link #readMemory}/{@link #writeMemory},
 * which enforce alignment, access mode and validators. Other simulator components use
 * {@link #value}/{@link #set} (no access check, listeners still fire) and {@link #addListener}.
 * All methods are synchronized: the GVCP thread and an emitter thread may use it together.
 */
public final class RegisterSpace {
    private static final class Register {
        final String name;
        final Access access;
        final RegisterValidator validator;
        final IntSupplier computed;
        int value;

        Register(String name, Access access, int value, RegisterValidator validator, IntSupplier computed) {
            this.name = name;
            this.access = access;
            this.value = value;
            this.validator = validator;
            this.computed = computed;
        }
    }

    private static final class Area {
        final String name;
        final int address;
        final byte[] bytes;
        final Access access;

        Area(String name, int address, byte[] bytes, Access access) {
            this.name = name;
            this.address = address;
            this.bytes = bytes;
            this.access = access;
        }

        boolean contains(long a) {
            return a >= Integer.toUnsignedLong(address) && a < Integer.toUnsignedLong(address) + bytes.length;
        }
    }

    private final Map<Integer, Register> registers = new TreeMap<>(Integer::compareUnsigned);
    private final List<Area> areas = new ArrayList<>();
    private final Map<Integer, List<RegisterListener>> listeners = new TreeMap<>(Integer::compareUnsigned);
    private final List<RegisterListener> anyListeners = new CopyOnWriteArrayList<>();

    // ---- definition ----

    public synchronized void define(int address, String name, Access access, int initial) {
        define(address, name, access, initial, null);
    }

    public synchronized void define(int address, String name, Access access, int initial, RegisterValidator validator) {
        checkAligned(address);
        registers.put(address, new Register(name, access, initial, validator, null));
    }

    /** A read-only register whose value is computed on every read (e.g. PayloadSize). */
    public synchronized void defineComputed(int address, String name, IntSupplier value) {
        checkAligned(address);
        registers.put(address, new Register(name, Access.RO, 0, null, value));
    }

    /** A byte area (length rounded up to 4); {@code content} is copied. */
    public synchronized void defineArea(int address, String name, Access access, byte[] content, int length) {
        checkAligned(address);
        int padded = (Math.max(length, content.length) + 3) & ~3;
        byte[] bytes = new byte[padded];
        System.arraycopy(content, 0, bytes, 0, content.length);
        areas.add(new Area(name, address, bytes, access));
    }

    public synchronized void addListener(int address, RegisterListener listener) {
        listeners.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Called after any register write. */
    public void addListener(RegisterListener listener) {
        anyListeners.add(listener);
    }

    // ---- internal access (other simulator components) ----

    /** The current value, without access checks. */
    public synchronized int value(int address) {
        Register r = registers.get(address);
        if (r != null) {
            return r.computed != null ? r.computed.getAsInt() : r.value;
        }
        Area a = area(Integer.toUnsignedLong(address), 4);
        if (a != null) {
            int o = address - a.address;
            return ((a.bytes[o] & 0xFF) << 24) | ((a.bytes[o + 1] & 0xFF) << 16) | ((a.bytes[o + 2] & 0xFF) << 8) | (a.bytes[o + 3] & 0xFF);
        }
        throw new RegisterAccessException(GvcpStatus.INVALID_ADDRESS, String.format("0x%08X is not a register", address));
    }

    public float floatValue(int address) {
        return Float.intBitsToFloat(value(address));
    }

    /** Stores a value without access checks or validation (device-side update); listeners fire. */
    public void set(int address, int value) {
        int old;
        synchronized (this) {
            Register r = registers.get(address);
            if (r == null || r.computed != null) {
                throw new IllegalArgumentException(String.format("0x%08X is not a stored register", address));
            }
            old = r.value;
            r.value = value;
        }
        fire(address, old, value);
    }

    /** Replaces the bytes of an area (e.g. the GenDC descriptor an emitter produces). */
    public synchronized void setArea(int address, byte[] content) {
        Area a = area(Integer.toUnsignedLong(address), 1);
        if (a == null || a.address != address || content.length > a.bytes.length) {
            throw new IllegalArgumentException(String.format("no area of >= %d bytes at 0x%08X", content.length, address));
        }
        java.util.Arrays.fill(a.bytes, (byte) 0);
        System.arraycopy(content, 0, a.bytes, 0, content.length);
    }

    public synchronized String name(int address) {
        Register r = registers.get(address);
        return r != null ? r.name : null;
    }

    // ---- GVCP access ----

    /** READREG of one register: alignment, existence; command registers read as 0. */
    public synchronized int read(int address) {
        checkAlignedAccess(address);
        Register r = registers.get(address);
        if (r != null) {
            if (r.access == Access.COMMAND) {
                return 0;
            }
            return r.computed != null ? r.computed.getAsInt() : r.value;
        }
        return value(address);
    }

    /** WRITEREG of one register: alignment, existence, access mode, validator; then listeners. */
    public void write(int address, int value) {
        checkAlignedAccess(address);
        int old;
        synchronized (this) {
            Register r = registers.get(address);
            if (r == null) {
                Area a = area(Integer.toUnsignedLong(address), 4);
                if (a == null) {
                    throw new RegisterAccessException(GvcpStatus.INVALID_ADDRESS, String.format("0x%08X is not a register", address));
                }
                writeArea(a, address, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
                return;
            }
            if (r.access == Access.RO) {
                throw new RegisterAccessException(GvcpStatus.WRITE_PROTECT, String.format("0x%08X (%s) is read-only", address, r.name));
            }
            if (r.validator != null) {
                r.validator.check(address, value);
            }
            old = r.value;
            r.value = r.access == Access.COMMAND ? 0 : value;
        }
        fire(address, old, value);
    }

    /** READMEM: every 4-byte word of [address, address+length) must belong to a register or area. */
    public synchronized byte[] readMemory(int address, int length) {
        checkAlignedAccess(address);
        byte[] out = new byte[length];
        long a = Integer.toUnsignedLong(address);
        int i = 0;
        while (i < length) {
            long at = a + i;
            Area area = area(at, 1);
            if (area != null) {
                int from = (int) (at - Integer.toUnsignedLong(area.address));
                int n = Math.min(length - i, area.bytes.length - from);
                System.arraycopy(area.bytes, from, out, i, n);
                i += n;
                continue;
            }
            if (at > 0xFFFF_FFFFL) {
                throw new RegisterAccessException(GvcpStatus.INVALID_ADDRESS, "read beyond the 32-bit address space");
            }
            Register r = registers.get((int) at);
            if (r == null) {
                throw new RegisterAccessException(GvcpStatus.INVALID_ADDRESS,
                        String.format("0x%08X (in READMEM 0x%08X+%d) is not mapped", at, address, length));
            }
            int v = r.access == Access.COMMAND ? 0 : r.computed != null ? r.computed.getAsInt() : r.value;
            int n = Math.min(4, length - i);
            for (int k = 0; k < n; k++) {
                out[i + k] = (byte) (v >>> (24 - 8 * k));
            }
            i += 4;
        }
        return out;
    }

    /** WRITEMEM: words into RW areas or writable registers (each through {@link #write}). */
    public void writeMemory(int address, byte[] data) {
        checkAlignedAccess(address);
        long a = Integer.toUnsignedLong(address);
        synchronized (this) {
            // Validate the whole range first so a failed WRITEMEM changes nothing.
            for (int i = 0; i < data.length; i += 4) {
                long at = a + i;
                Area area = area(at, 1);
                if (area != null) {
                    if (area.access == Access.RO) {
                        throw new RegisterAccessException(GvcpStatus.WRITE_PROTECT, "area " + area.name + " is read-only");
                    }
                    continue;
                }
                Register r = at <= 0xFFFF_FFFFL ? registers.get((int) at) : null;
                if (r == null) {
                    throw new RegisterAccessException(GvcpStatus.INVALID_ADDRESS, String.format("0x%08X is not mapped", at));
                }
                if (r.access == Access.RO) {
                    throw new RegisterAccessException(GvcpStatus.WRITE_PROTECT, String.format("0x%08X (%s) is read-only", at, r.name));
                }
            }
        }
        for (int i = 0; i < data.length; i += 4) {
            int at = (int) (a + i);
            int v = ((data[i] & 0xFF) << 24) | ((data[i + 1] & 0xFF) << 16) | ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            write(at, v);
        }
    }

    // ---- helpers ----

    private void writeArea(Area a, int address, byte[] word) {
        if (a.access == Access.RO) {
            throw new RegisterAccessException(GvcpStatus.WRITE_PROTECT, "area " + a.name + " is read-only");
        }
        System.arraycopy(word, 0, a.bytes, address - a.address, 4);
    }

    private Area area(long address, int length) {
        for (Area a : areas) {
            if (a.contains(address) && a.contains(address + length - 1)) {
                return a;
            }
        }
        return null;
    }

    private void fire(int address, int old, int value) {
        List<RegisterListener> l;
        synchronized (this) {
            l = listeners.get(address);
        }
        if (l != null) {
            for (RegisterListener listener : l) {
                listener.onWrite(address, old, value);
            }
        }
        for (RegisterListener listener : anyListeners) {
            listener.onWrite(address, old, value);
        }
    }

    private static void checkAligned(int address) {
        if ((address & 3) != 0) {
            throw new IllegalArgumentException(String.format("register 0x%08X is not 4-byte aligned", address));
        }
    }

    private static void checkAlignedAccess(int address) {
        if ((address & 3) != 0) {
            throw new RegisterAccessException(GvcpStatus.BAD_ALIGNMENT, String.format("0x%08X is not 4-byte aligned", address));
        }
    }
}
