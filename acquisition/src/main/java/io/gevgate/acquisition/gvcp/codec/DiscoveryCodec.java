package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * DISCOVERY_CMD (no payload) and DISCOVERY_ACK: 248 bytes that mirror bootstrap memory
 * 0x0000–0x00F7 (gige-anchors §1.9). The ack flyweight reads fields in place; strings are decoded
 * only when asked for (discovery is not a hot path).
 */
public final class DiscoveryCodec {
    public static final int ACK_PAYLOAD_LENGTH = 0xF8;

    public static final int OFF_SPEC_VERSION = 0;
    public static final int OFF_DEVICE_MODE = 4;
    public static final int OFF_MAC = 10;
    public static final int OFF_SUPPORTED_IP_CONFIG = 16;
    public static final int OFF_CURRENT_IP_CONFIG = 20;
    public static final int OFF_CURRENT_IP = 36;
    public static final int OFF_SUBNET_MASK = 52;
    public static final int OFF_GATEWAY = 68;
    public static final int OFF_MANUFACTURER = 72;
    public static final int OFF_MODEL = 104;
    public static final int OFF_DEVICE_VERSION = 136;
    public static final int OFF_MANUFACTURER_INFO = 168;
    public static final int OFF_SERIAL = 216;
    public static final int OFF_USER_NAME = 232;

    private ByteBuffer buffer;
    private int payload;

    private DiscoveryCodec() {
    }

    public static DiscoveryCodec flyweight() {
        return new DiscoveryCodec();
    }

    public static int encodeCommand(ByteBuffer b, int at, boolean allowBroadcastAck, int requestId) {
        int flags = GvcpCodes.FLAG_ACK_REQUIRED | (allowBroadcastAck ? GvcpCodes.FLAG_DISCOVERY_BROADCAST_ACK : 0);
        return CommandHeader.encode(b, at, flags, GvcpCodes.DISCOVERY_CMD, 0, requestId);
    }

    /** Writes a DISCOVERY_ACK whose payload is the first 248 bytes of {@code bootstrap}. */
    public static int encodeAck(ByteBuffer b, int at, int ackId, byte[] bootstrap) {
        if (bootstrap.length < ACK_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("bootstrap image must hold 248 bytes, has " + bootstrap.length);
        }
        int len = AckHeader.encode(b, at, 0, GvcpCodes.DISCOVERY_ACK, ACK_PAYLOAD_LENGTH, ackId);
        b.put(at + GvcpCodes.HEADER_LENGTH, bootstrap, 0, ACK_PAYLOAD_LENGTH);
        return len;
    }

    /** Wraps a successful DISCOVERY_ACK; rejects a payload shorter than 248 bytes. */
    public DiscoveryCodec wrap(AckHeader h) {
        if (h.ackCode() != GvcpCodes.DISCOVERY_ACK) {
            throw new GvcpFormatException("ack code", 2, "DISCOVERY_ACK (0x0003)", String.format("0x%04X", h.ackCode()));
        }
        if (h.payloadLength() < ACK_PAYLOAD_LENGTH) {
            throw GvcpFormatException.truncated("DISCOVERY_ACK payload", 4, ACK_PAYLOAD_LENGTH, h.payloadLength());
        }
        this.buffer = h.buffer();
        this.payload = h.payloadOffset();
        return this;
    }

    public int specVersion() {
        return Wire.i32(buffer, payload + OFF_SPEC_VERSION);
    }

    public int deviceMode() {
        return Wire.i32(buffer, payload + OFF_DEVICE_MODE);
    }

    public long mac() {
        return ((long) Wire.u16(buffer, payload + OFF_MAC) << 32) | Wire.u32(buffer, payload + OFF_MAC + 2);
    }

    public int supportedIpConfig() {
        return Wire.i32(buffer, payload + OFF_SUPPORTED_IP_CONFIG);
    }

    public int currentIpConfig() {
        return Wire.i32(buffer, payload + OFF_CURRENT_IP_CONFIG);
    }

    public int currentIp() {
        return Wire.i32(buffer, payload + OFF_CURRENT_IP);
    }

    public int subnetMask() {
        return Wire.i32(buffer, payload + OFF_SUBNET_MASK);
    }

    public int gateway() {
        return Wire.i32(buffer, payload + OFF_GATEWAY);
    }

    public String manufacturer() {
        return string(OFF_MANUFACTURER, 32);
    }

    public String model() {
        return string(OFF_MODEL, 32);
    }

    public String deviceVersion() {
        return string(OFF_DEVICE_VERSION, 32);
    }

    public String manufacturerInfo() {
        return string(OFF_MANUFACTURER_INFO, 48);
    }

    public String serial() {
        return string(OFF_SERIAL, 16);
    }

    public String userName() {
        return string(OFF_USER_NAME, 16);
    }

    private String string(int off, int max) {
        return decodeString(buffer, payload + off, max);
    }

    /** A NUL-terminated (or field-filling) string; bytes that are not UTF-8 become U+FFFD, never an error. */
    public static String decodeString(ByteBuffer b, int at, int max) {
        int n = 0;
        while (n < max && b.get(at + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
