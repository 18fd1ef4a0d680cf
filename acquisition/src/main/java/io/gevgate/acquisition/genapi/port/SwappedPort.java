package io.gevgate.acquisition.genapi.port;

/**
 * A port whose data is byte-swapped on the way in and out ({@code <SwapEndianess>Yes} on a Port
 * node): the bytes of every 32-bit word are reversed, the unit GenApi ports swap in. A trailing
 * part shorter than 4 bytes is reversed on its own. Addresses are not changed.
 */
public final class SwappedPort implements Port {
    private final Port inner;

    public SwappedPort(Port inner) {
        this.inner = inner;
    }

    public Port inner() {
        return inner;
    }

    @Override
    public byte[] read(long address, int length) {
        byte[] b = inner.read(address, length);
        return b == null ? null : swap(b);
    }

    @Override
    public void write(long address, byte[] bytes) {
        inner.write(address, swap(bytes));
    }

    @Override
    public int maxBatchRegisters() {
        return inner.maxBatchRegisters();
    }

    @Override
    public byte[] readRegisters(long[] addresses) {
        byte[] b = inner.readRegisters(addresses);
        return b == null ? null : swap(b);
    }

    /** A swapped copy (the caller's array is left alone). */
    static byte[] swap(byte[] in) {
        byte[] out = in.clone();
        int whole = out.length & ~3;
        for (int i = 0; i < whole; i += 4) {
            reverse(out, i, 4);
        }
        reverse(out, whole, out.length - whole);
        return out;
    }

    private static void reverse(byte[] b, int from, int n) {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            byte t = b[from + i];
            b[from + i] = b[from + j];
            b[from + j] = t;
        }
    }
}
