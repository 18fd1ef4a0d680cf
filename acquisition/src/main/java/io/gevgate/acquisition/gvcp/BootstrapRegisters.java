package io.gevgate.acquisition.gvcp;

/** Addresses of the GigE Vision bootstrap registers (gige-anchors §1.7–1.8), shared by client and simulator. */
public final class BootstrapRegisters {
    public static final int VERSION = 0x0000;
    public static final int DEVICE_MODE = 0x0004;
    public static final int MAC_HIGH = 0x0008;
    public static final int MAC_LOW = 0x000C;
    public static final int SUPPORTED_IP_CONFIG = 0x0010;
    public static final int CURRENT_IP_CONFIG = 0x0014;
    public static final int CURRENT_IP = 0x0024;
    public static final int CURRENT_SUBNET_MASK = 0x0034;
    public static final int CURRENT_GATEWAY = 0x0044;
    public static final int MANUFACTURER_NAME = 0x0048;
    public static final int MODEL_NAME = 0x0068;
    public static final int DEVICE_VERSION = 0x0088;
    public static final int MANUFACTURER_INFO = 0x00A8;
    public static final int SERIAL_NUMBER = 0x00D8;
    public static final int USER_DEFINED_NAME = 0x00E8;
    public static final int FIRST_URL = 0x0200;
    public static final int SECOND_URL = 0x0400;
    public static final int URL_LENGTH = 512;
    public static final int NUMBER_OF_NETWORK_INTERFACES = 0x0600;
    public static final int PERSISTENT_IP = 0x064C;
    public static final int PERSISTENT_SUBNET_MASK = 0x065C;
    public static final int PERSISTENT_GATEWAY = 0x066C;
    public static final int LINK_SPEED = 0x0670;
    public static final int NUMBER_OF_MESSAGE_CHANNELS = 0x0900;
    public static final int NUMBER_OF_STREAM_CHANNELS = 0x0904;
    public static final int NUMBER_OF_ACTION_SIGNALS = 0x0908;
    public static final int ACTION_DEVICE_KEY = 0x090C;
    public static final int STREAM_CHANNELS_CAPABILITY = 0x092C;
    public static final int MESSAGE_CHANNEL_CAPABILITY = 0x0930;
    public static final int GVCP_CAPABILITY = 0x0934;
    public static final int HEARTBEAT_TIMEOUT = 0x0938;
    public static final int TIMESTAMP_TICK_FREQUENCY_HIGH = 0x093C;
    public static final int TIMESTAMP_TICK_FREQUENCY_LOW = 0x0940;
    public static final int TIMESTAMP_CONTROL = 0x0944;
    public static final int TIMESTAMP_VALUE_HIGH = 0x0948;
    public static final int TIMESTAMP_VALUE_LOW = 0x094C;
    public static final int GVCP_CONFIGURATION = 0x0954;
    public static final int PENDING_TIMEOUT = 0x0958;
    public static final int CONTROL_SWITCHOVER_KEY = 0x095C;
    public static final int GVSP_CONFIGURATION = 0x0960;
    public static final int CCP = 0x0A00;
    public static final int PRIMARY_APPLICATION_PORT = 0x0A04;
    public static final int PRIMARY_APPLICATION_IP = 0x0A14;
    public static final int MCP = 0x0B00;
    public static final int MCDA = 0x0B10;
    public static final int MCTT = 0x0B14;
    public static final int MCRC = 0x0B18;
    public static final int MCSP = 0x0B1C;
    public static final int STREAM_CHANNEL_BASE = 0x0D00;
    public static final int STREAM_CHANNEL_STRIDE = 0x40;
    public static final int ACTION_GROUP_KEY_BASE = 0x9800;
    public static final int ACTION_GROUP_MASK_BASE = 0x9804;
    public static final int ACTION_GROUP_STRIDE = 0x10;

    /** Offsets inside a stream channel block. */
    public static final int SC_PORT = 0x00;
    public static final int SC_PACKET_SIZE = 0x04;
    public static final int SC_PACKET_DELAY = 0x08;
    public static final int SC_DESTINATION_ADDRESS = 0x18;
    public static final int SC_SOURCE_PORT = 0x1C;
    public static final int SC_CAPABILITY = 0x20;
    public static final int SC_CONFIGURATION = 0x24;
    /**
     * SCEBAx (GEV 2.2): address of the channel's extended bootstrap block: +0x0 GenDC descriptor
     * address, +0x4 descriptor size, +0x8 GenDC flow mapping table address, +0xC its size.
     */
    public static final int SC_EXTENDED_BOOTSTRAP_ADDRESS = 0x3C;
    /** Stream channels capability (0x092C) bit: SCEBAx supported (GEV 2.2). */
    public static final int STREAM_CHANNELS_CAPS_EXTENDED_BOOTSTRAP = 0x10000000;

    /** CCP bits. */
    public static final int CCP_EXCLUSIVE = 0x1;
    public static final int CCP_CONTROL = 0x2;
    public static final int CCP_SWITCHOVER_ENABLE = 0x4;

    /** GVCP configuration bits. */
    public static final int GVCP_CONFIG_HEARTBEAT_DISABLE = 0x1;
    public static final int GVCP_CONFIG_PENDING_ACK_ENABLE = 0x2;

    /** Extended-id mode enable in the GVSP configuration register. */
    public static final int GVSP_CONFIG_EXTENDED_ID = 0x40000000;

    private BootstrapRegisters() {
    }

    /** Address of register {@code offset} of stream channel {@code channel}. */
    public static int streamChannel(int channel, int offset) {
        return STREAM_CHANNEL_BASE + STREAM_CHANNEL_STRIDE * channel + offset;
    }
}
