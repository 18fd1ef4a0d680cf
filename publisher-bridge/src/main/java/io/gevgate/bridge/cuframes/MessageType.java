package io.gevgate.bridge.cuframes;

/** Control-socket message codes (protocol §5.2). */
public final class MessageType {
    public static final int HELLO_REQ = 0x01;
    public static final int HELLO_RESP = 0x02;
    public static final int SUBSCRIBE_REQ = 0x03;
    public static final int SUBSCRIBE_RESP = 0x04;
    public static final int VMM_FDS = 0x05;
    public static final int PING = 0xF0;
    public static final int PONG = 0xF1;
    public static final int ERROR = 0xFE;

    /** Largest payload a message may carry. */
    public static final int MAX_PAYLOAD = 4096;
    public static final int HEADER_SIZE = 8;

    private MessageType() {
    }

    public static String name(int type) {
        return switch (type) {
            case HELLO_REQ -> "HELLO_REQ";
            case HELLO_RESP -> "HELLO_RESP";
            case SUBSCRIBE_REQ -> "SUBSCRIBE_REQ";
            case SUBSCRIBE_RESP -> "SUBSCRIBE_RESP";
            case VMM_FDS -> "VMM_FDS";
            case PING -> "PING";
            case PONG -> "PONG";
            case ERROR -> "ERROR";
            default -> String.format("0x%X", type);
        };
    }
}
