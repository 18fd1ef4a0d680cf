package io.gevgate.acquisition.gvcp.codec;

/** Wire constants of GVCP (gige-anchors §1.2–1.3). All multi-byte fields are big-endian. */
public final class GvcpCodes {
    /** UDP port a GigE Vision device listens on. */
    public static final int PORT = 3956;
    /** First byte of every command. */
    public static final int KEY = 0x42;
    public static final int HEADER_LENGTH = 8;

    /** Command flag: the device must acknowledge. */
    public static final int FLAG_ACK_REQUIRED = 0x01;
    /** DISCOVERY: a broadcast acknowledge is allowed. */
    public static final int FLAG_DISCOVERY_BROADCAST_ACK = 0x10;
    /** PACKETRESEND / EVENT / EVENTDATA: 64-bit block id, 32-bit packet id (GEV 2.0 extended ids). */
    public static final int FLAG_EXTENDED_ID = 0x10;
    /** ACTION: scheduled action, an 8-byte action time follows the keys. */
    public static final int FLAG_SCHEDULED_ACTION = 0x80;

    public static final int DISCOVERY_CMD = 0x0002;
    public static final int DISCOVERY_ACK = 0x0003;
    public static final int FORCEIP_CMD = 0x0004;
    public static final int FORCEIP_ACK = 0x0005;
    public static final int PACKETRESEND_CMD = 0x0040;
    public static final int PACKETRESEND_ACK = 0x0041;
    public static final int READREG_CMD = 0x0080;
    public static final int READREG_ACK = 0x0081;
    public static final int WRITEREG_CMD = 0x0082;
    public static final int WRITEREG_ACK = 0x0083;
    public static final int READMEM_CMD = 0x0084;
    public static final int READMEM_ACK = 0x0085;
    public static final int WRITEMEM_CMD = 0x0086;
    public static final int WRITEMEM_ACK = 0x0087;
    public static final int PENDING_ACK = 0x0089;
    public static final int EVENT_CMD = 0x00C0;
    public static final int EVENT_ACK = 0x00C1;
    public static final int EVENTDATA_CMD = 0x00C2;
    public static final int EVENTDATA_ACK = 0x00C3;
    public static final int ACTION_CMD = 0x0100;
    public static final int ACTION_ACK = 0x0101;

    /**
     * Largest data block of one READMEM/WRITEMEM. 536 data bytes + 4 address + 8 header + 28 IP/UDP
     * = 576, the minimum datagram every IPv4 host must accept, so no fragmentation is ever needed.
     */
    public static final int MAX_MEMORY_CHUNK = 536;
    /** Largest GVCP datagram we accept (header + 540 payload); anything larger is malformed. */
    public static final int MAX_DATAGRAM = 1500;
    /** Registers per READREG/WRITEREG that fit in 540 payload bytes. */
    public static final int MAX_READREG_COUNT = 135;
    public static final int MAX_WRITEREG_COUNT = 67;

    private GvcpCodes() {
    }

    /** Human-readable name of a command or acknowledge code, for messages and logs. */
    public static String commandName(int code) {
        return switch (code) {
            case DISCOVERY_CMD -> "DISCOVERY_CMD";
            case DISCOVERY_ACK -> "DISCOVERY_ACK";
            case FORCEIP_CMD -> "FORCEIP_CMD";
            case FORCEIP_ACK -> "FORCEIP_ACK";
            case PACKETRESEND_CMD -> "PACKETRESEND_CMD";
            case PACKETRESEND_ACK -> "PACKETRESEND_ACK";
            case READREG_CMD -> "READREG_CMD";
            case READREG_ACK -> "READREG_ACK";
            case WRITEREG_CMD -> "WRITEREG_CMD";
            case WRITEREG_ACK -> "WRITEREG_ACK";
            case READMEM_CMD -> "READMEM_CMD";
            case READMEM_ACK -> "READMEM_ACK";
            case WRITEMEM_CMD -> "WRITEMEM_CMD";
            case WRITEMEM_ACK -> "WRITEMEM_ACK";
            case PENDING_ACK -> "PENDING_ACK";
            case EVENT_CMD -> "EVENT_CMD";
            case EVENT_ACK -> "EVENT_ACK";
            case EVENTDATA_CMD -> "EVENTDATA_CMD";
            case EVENTDATA_ACK -> "EVENTDATA_ACK";
            case ACTION_CMD -> "ACTION_CMD";
            case ACTION_ACK -> "ACTION_ACK";
            default -> String.format("UNKNOWN_0x%04X", code);
        };
    }

    /** The acknowledge code that answers a command code (command + 1), or -1 for none. */
    public static int ackFor(int command) {
        return switch (command) {
            case DISCOVERY_CMD, FORCEIP_CMD, PACKETRESEND_CMD, READREG_CMD, WRITEREG_CMD,
                 READMEM_CMD, WRITEMEM_CMD, EVENT_CMD, EVENTDATA_CMD, ACTION_CMD -> command + 1;
            default -> -1;
        };
    }
}
