package io.gevgate.acquisition.gvcp;

/** The GVCP capability register 0x0934 decoded (gige-anchors §1.7). */
public record GvcpCapabilities(int raw) {
    public static final int USER_DEFINED_NAME = 0x80000000;
    public static final int SERIAL_NUMBER = 0x40000000;
    public static final int HEARTBEAT_DISABLE = 0x20000000;
    public static final int LINK_SPEED = 0x10000000;
    public static final int CCP_APPLICATION_PORT_IP = 0x08000000;
    public static final int MANIFEST_TABLE = 0x04000000;
    public static final int TEST_DATA = 0x02000000;
    public static final int DISCOVERY_ACK_DELAY = 0x01000000;
    public static final int WRITABLE_DISCOVERY_ACK_DELAY = 0x00800000;
    public static final int EXTENDED_STATUS_1_1 = 0x00400000;
    public static final int PRIMARY_APPLICATION_SWITCHOVER = 0x00200000;
    public static final int UNCONDITIONAL_ACTION = 0x00100000;
    public static final int IEEE1588 = 0x00080000;
    public static final int EXTENDED_STATUS_2_0 = 0x00040000;
    public static final int SCHEDULED_ACTION = 0x00020000;
    public static final int ACTION = 0x00000040;
    public static final int PENDING_ACK = 0x00000020;
    public static final int EVENTDATA = 0x00000010;
    public static final int EVENT = 0x00000008;
    public static final int PACKET_RESEND = 0x00000004;
    public static final int WRITEMEM = 0x00000002;
    public static final int CONCATENATION = 0x00000001;

    public boolean has(int bit) {
        return (raw & bit) != 0;
    }

    public boolean concatenation() {
        return has(CONCATENATION);
    }

    public boolean writeMem() {
        return has(WRITEMEM);
    }

    public boolean packetResend() {
        return has(PACKET_RESEND);
    }

    public boolean event() {
        return has(EVENT);
    }

    public boolean eventData() {
        return has(EVENTDATA);
    }

    public boolean pendingAck() {
        return has(PENDING_ACK);
    }

    public boolean action() {
        return has(ACTION);
    }

    public boolean heartbeatDisable() {
        return has(HEARTBEAT_DISABLE);
    }

    public boolean primaryApplicationSwitchover() {
        return has(PRIMARY_APPLICATION_SWITCHOVER);
    }

    @Override
    public String toString() {
        return String.format("0x%08X%s%s%s%s%s%s%s", raw,
                concatenation() ? " concatenation" : "", writeMem() ? " writemem" : "",
                packetResend() ? " resend" : "", event() ? " event" : "", pendingAck() ? " pending-ack" : "",
                action() ? " action" : "", primaryApplicationSwitchover() ? " switchover" : "");
    }
}
