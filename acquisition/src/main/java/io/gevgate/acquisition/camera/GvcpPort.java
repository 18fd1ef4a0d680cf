package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.gvcp.GvcpClient;
import java.nio.ByteBuffer;

/**
 * The device's register space as a GenICam port (what a GenApi engine reads and writes). Reads use
 * READMEM; a 4-byte aligned write uses WRITEREG, which every device supports (WRITEMEM is optional:
 * Aravis' fake camera lacks it); other writes use WRITEMEM, padded to 4-byte boundaries by reading the
 * surrounding bytes first. Adapt it to the GenApi engine's own port interface with a lambda.
 */
public final class GvcpPort {
    private final GvcpClient client;

    public GvcpPort(GvcpClient client) {
        this.client = client;
    }

    public byte[] read(long address, int length) {
        return client.readMemory(checkAddress(address), length);
    }

    public void write(long address, byte[] data) {
        int a = checkAddress(address);
        if (data.length == 4 && (a & 3) == 0) {
            client.writeRegister(a, ByteBuffer.wrap(data).getInt());
            return;
        }
        int start = a & ~3;
        int end = (int) ((Integer.toUnsignedLong(a) + data.length + 3) & ~3L);
        byte[] padded = start == a && end - start == data.length ? data : client.readMemory(start, end - start);
        System.arraycopy(data, 0, padded, a - start, data.length);
        client.writeMemory(start, padded);
    }

    private static int checkAddress(long address) {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("GigE Vision addresses are 32-bit: 0x" + Long.toHexString(address));
        }
        return (int) address;
    }
}
