package io.gevgate.acquisition.gvcp;

import io.gevgate.acquisition.gvcp.codec.DiscoveryCodec;
import java.nio.ByteBuffer;
import java.time.Duration;

/** Typed access to a device's bootstrap registers through a {@link GvcpClient}. */
public final class Bootstrap {
    private final GvcpClient client;

    public Bootstrap(GvcpClient client) {
        this.client = client;
    }

    /** Spec version as {@code major.minor}. */
    public String version() {
        int v = client.readRegister(BootstrapRegisters.VERSION);
        return (v >>> 16) + "." + (v & 0xFFFF);
    }

    public int deviceMode() {
        return client.readRegister(BootstrapRegisters.DEVICE_MODE);
    }

    public boolean bigEndianDevice() {
        return (deviceMode() & 0x80000000) != 0;
    }

    public GvcpCapabilities capabilities() {
        return new GvcpCapabilities(client.readRegister(BootstrapRegisters.GVCP_CAPABILITY));
    }

    public String firstUrl() {
        return string(BootstrapRegisters.FIRST_URL, BootstrapRegisters.URL_LENGTH);
    }

    public String secondUrl() {
        return string(BootstrapRegisters.SECOND_URL, BootstrapRegisters.URL_LENGTH);
    }

    public String manufacturerName() {
        return string(BootstrapRegisters.MANUFACTURER_NAME, 32);
    }

    public String modelName() {
        return string(BootstrapRegisters.MODEL_NAME, 32);
    }

    public String deviceVersion() {
        return string(BootstrapRegisters.DEVICE_VERSION, 32);
    }

    public String manufacturerInfo() {
        return string(BootstrapRegisters.MANUFACTURER_INFO, 48);
    }

    public String serialNumber() {
        return string(BootstrapRegisters.SERIAL_NUMBER, 16);
    }

    public String userDefinedName() {
        return string(BootstrapRegisters.USER_DEFINED_NAME, 16);
    }

    public Duration heartbeatTimeout() {
        return Duration.ofMillis(Integer.toUnsignedLong(client.readRegister(BootstrapRegisters.HEARTBEAT_TIMEOUT)));
    }

    public void heartbeatTimeout(Duration timeout) {
        client.writeRegister(BootstrapRegisters.HEARTBEAT_TIMEOUT, (int) timeout.toMillis());
    }

    public int numberOfStreamChannels() {
        return client.readRegister(BootstrapRegisters.NUMBER_OF_STREAM_CHANNELS);
    }

    public int numberOfMessageChannels() {
        return client.readRegister(BootstrapRegisters.NUMBER_OF_MESSAGE_CHANNELS);
    }

    public long timestampTickFrequency() {
        int[] v = client.readRegisters(BootstrapRegisters.TIMESTAMP_TICK_FREQUENCY_HIGH,
                BootstrapRegisters.TIMESTAMP_TICK_FREQUENCY_LOW);
        return (Integer.toUnsignedLong(v[0]) << 32) | Integer.toUnsignedLong(v[1]);
    }

    public int controlChannelPrivilege() {
        return client.readRegister(BootstrapRegisters.CCP);
    }

    public StreamChannelRegisters streamChannel(int channel) {
        return new StreamChannelRegisters(client, channel);
    }

    private String string(int address, int length) {
        byte[] b = client.readMemory(address, length);
        return DiscoveryCodec.decodeString(ByteBuffer.wrap(b), 0, length);
    }
}
