package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.port.Port;
import io.gevgate.acquisition.genapi.port.PortException;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;

/**
 * The camera's register space as a GenApi {@link Port}: {@link GvcpPort} for single accesses,
 * concatenated READREG for batches (135 addresses fit one GVCP payload of 540 bytes). GVCP
 * failures become {@link PortException} so the engine reports them as PORT_ERROR naming the node.
 */
public final class GenApiDevicePort implements Port {
    private final GvcpClient client;
    private final GvcpPort port;

    public GenApiDevicePort(GvcpClient client) {
        this.client = client;
        this.port = new GvcpPort(client);
    }

    /** Loads the camera's GenICam XML into a node map bound to this port. */
    public static NodeMap nodeMap(Camera camera) {
        NodeMap map = NodeMap.load(camera.genicamXml().xml());
        map.bindDevicePort(new GenApiDevicePort(camera.client()));
        return map;
    }

    @Override
    public byte[] read(long address, int length) {
        try {
            return port.read(address, length);
        } catch (GvcpException | IllegalArgumentException e) {
            throw new PortException(address, length, e.getMessage(), e);
        }
    }

    @Override
    public void write(long address, byte[] bytes) {
        try {
            port.write(address, bytes);
        } catch (GvcpException | IllegalArgumentException e) {
            throw new PortException(address, bytes.length, e.getMessage(), e);
        }
    }

    @Override
    public int maxBatchRegisters() {
        return 135;
    }

    @Override
    public byte[] readRegisters(long[] addresses) {
        int[] a = new int[addresses.length];
        for (int i = 0; i < a.length; i++) {
            if (addresses[i] < 0 || addresses[i] > 0xFFFF_FFFFL) {
                throw new PortException(addresses[i], 4, "address outside the 32-bit GVCP register space");
            }
            a[i] = (int) addresses[i];
        }
        try {
            int[] v = client.readRegisters(a);
            byte[] out = new byte[v.length * 4];
            for (int i = 0; i < v.length; i++) {
                out[4 * i] = (byte) (v[i] >>> 24);
                out[4 * i + 1] = (byte) (v[i] >>> 16);
                out[4 * i + 2] = (byte) (v[i] >>> 8);
                out[4 * i + 3] = (byte) v[i];
            }
            return out;
        } catch (GvcpException e) {
            throw new PortException(addresses.length == 0 ? 0 : addresses[0], 4 * addresses.length, e.getMessage(), e);
        }
    }
}
