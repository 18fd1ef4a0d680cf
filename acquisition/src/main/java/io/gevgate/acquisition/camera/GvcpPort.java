package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.genapi.port.Port;
import io.gevgate.acquisition.genapi.port.PortException;
import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.GvcpCapabilities;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;

/**
 * The device's register space as a GenICam port, the GenApi engine's view of a GigE Vision device.
 *
 * <ul>
 * <li>Reads of one 4-byte aligned register use READREG (every device has it; READMEM is optional for
 * bootstrap registers on some devices and costs a longer acknowledge); other reads use READMEM.</li>
 * <li>{@link #readRegisters} sends up to {@value GvcpCodes#MAX_READREG_COUNT} addresses per READREG
 * when the device advertises concatenation (capability bit 0, read once on first use); otherwise
 * {@link #maxBatchRegisters()} is 1 and the engine does not batch.</li>
 * <li>A 4-byte aligned write uses WRITEREG (Aravis' fake camera has no WRITEMEM); other writes use
 * WRITEMEM, padded to 4-byte boundaries by reading the surrounding bytes first.</li>
 * </ul>
 * Every GVCP failure (error status, timeout) becomes a {@link PortException} whose message carries
 * the GVCP status name, and whose cause is the {@link GvcpException}; the engine adds the node name.
 */
public final class GvcpPort implements Port {
    private final GvcpClient client;
    private final Runnable beforeWrite;
    private volatile int batch; // 0 = not known yet

    public GvcpPort(GvcpClient client) {
        this(client, () -> { });
    }

    /** {@code beforeWrite} runs before every write (the camera facade takes control privilege there). */
    public GvcpPort(GvcpClient client, Runnable beforeWrite) {
        this.client = client;
        this.beforeWrite = beforeWrite;
    }

    @Override
    public byte[] read(long address, int length) {
        int a = checkAddress(address, length);
        try {
            if (length == 4 && (a & 3) == 0) {
                return be(client.readRegister(a));
            }
            return client.readMemory(a, length);
        } catch (GvcpException e) {
            throw new PortException(address, length, e.getMessage(), e);
        }
    }

    @Override
    public void write(long address, byte[] data) {
        int a = checkAddress(address, data.length);
        try {
            beforeWrite.run();
            if (data.length == 4 && (a & 3) == 0) {
                client.writeRegister(a, intBe(data, 0));
                return;
            }
            int start = a & ~3;
            int end = (int) ((Integer.toUnsignedLong(a) + data.length + 3) & ~3L);
            byte[] padded = start == a && end - start == data.length ? data : client.readMemory(start, end - start);
            System.arraycopy(data, 0, padded, a - start, data.length);
            client.writeMemory(start, padded);
        } catch (GvcpException e) {
            throw new PortException(address, data.length, e.getMessage(), e);
        }
    }

    @Override
    public int maxBatchRegisters() {
        int b = batch;
        if (b == 0) {
            try {
                int caps = client.readRegister(BootstrapRegisters.GVCP_CAPABILITY);
                b = (caps & GvcpCapabilities.CONCATENATION) != 0 ? GvcpCodes.MAX_READREG_COUNT : 1;
            } catch (GvcpException e) {
                b = 1; // unknown: single reads report failures precisely
            }
            batch = b;
        }
        return b;
    }

    @Override
    public byte[] readRegisters(long[] addresses) {
        int[] as = new int[addresses.length];
        for (int i = 0; i < as.length; i++) {
            as[i] = checkAddress(addresses[i], 4);
        }
        int[] values;
        try {
            values = client.readRegisters(as);
        } catch (GvcpException e) {
            throw new PortException(addresses.length == 0 ? 0 : addresses[0], 4 * addresses.length, e.getMessage(), e);
        }
        byte[] out = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            putBe(out, i * 4, values[i]);
        }
        return out;
    }

    private static byte[] be(int v) {
        byte[] b = new byte[4];
        putBe(b, 0, v);
        return b;
    }

    private static void putBe(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int intBe(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static int checkAddress(long address, int length) {
        if (address < 0 || length < 0 || address + length > 0x1_0000_0000L) {
            throw new PortException(address, length, "outside the 32-bit GigE Vision address space");
        }
        return (int) address;
    }
}
