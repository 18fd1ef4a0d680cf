package io.gevgate.bridge.cuframes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Payload codecs for every control message (protocol §5.3–§5.8). Decoders check every length
 * and field range and throw {@link CuframesException} with {@link CuframesError#PROTOCOL}
 * naming the message, the field and what arrived.
 */
public final class Messages {
    public static final int MAX_NAME = 31;
    public static final int MAX_ERROR_TEXT = 256;
    public static final int MAX_SHM_PATH = 255;

    private Messages() {
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static CuframesException bad(String msg, String detail) {
        return new CuframesException(CuframesError.PROTOCOL, msg + ": " + detail);
    }

    private static void need(String msg, byte[] p, long needed, String what) {
        if (p.length < needed) {
            throw bad(msg, "payload is " + p.length + " bytes, expected at least " + needed + " (" + what + ")");
        }
    }

    /** HELLO_REQ: 28 + N bytes. */
    public record HelloRequest(int protoVersion, String consumerName, int cudaDevice, int mode) {
        public byte[] encode() {
            byte[] n = consumerName.getBytes(StandardCharsets.UTF_8);
            if (n.length > MAX_NAME) {
                throw new CuframesException(CuframesError.INVALID_ARG, "consumer name is " + n.length + " bytes, max 31");
            }
            byte[] out = new byte[28 + n.length];
            ByteBuffer b = le(out);
            b.putInt(protoVersion).putInt(n.length).put(n).putInt(cudaDevice).putInt(mode);
            return out;
        }

        public static HelloRequest decode(byte[] p) {
            need("HELLO_REQ", p, 8, "proto_version + consumer_name_len");
            ByteBuffer b = le(p);
            int proto = b.getInt(0);
            long nameLen = Integer.toUnsignedLong(b.getInt(4));
            if (nameLen > MAX_NAME) {
                throw bad("HELLO_REQ", "consumer_name_len at offset 4 is " + nameLen + ", expected 0..31");
            }
            need("HELLO_REQ", p, 28 + nameLen, "28 + consumer_name_len " + nameLen);
            String name = new String(p, 8, (int) nameLen, StandardCharsets.UTF_8);
            int dev = b.getInt(8 + (int) nameLen);
            int mode = b.getInt(12 + (int) nameLen);
            if (mode != 0 && mode != 1) {
                throw bad("HELLO_REQ", "mode at offset " + (12 + nameLen) + " is " + mode + ", expected 0 or 1");
            }
            return new HelloRequest(proto, name, dev, mode);
        }
    }

    /** HELLO_RESP: 96 + N bytes. */
    public record HelloResponse(int result, int protoVersion, int ringSize, int ownership, byte[] meta, String shmPath) {
        public byte[] encode() {
            byte[] path = shmPath.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[96 + path.length];
            ByteBuffer b = le(out);
            b.putInt(result).putInt(protoVersion).putInt(ringSize).putInt(ownership);
            b.put(meta, 0, 64);
            b.putInt(path.length).put(path);
            return out;
        }

        public static HelloResponse decode(byte[] p) {
            need("HELLO_RESP", p, 84, "fixed part");
            ByteBuffer b = le(p);
            long pathLen = Integer.toUnsignedLong(b.getInt(80));
            if (pathLen > MAX_SHM_PATH || 84 + pathLen > p.length) {
                throw bad("HELLO_RESP", "shm_path_len at offset 80 is " + pathLen + ", but only "
                        + (p.length - 84) + " bytes follow (max " + MAX_SHM_PATH + ")");
            }
            byte[] meta = new byte[64];
            System.arraycopy(p, 16, meta, 0, 64);
            return new HelloResponse(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), meta,
                    new String(p, 84, (int) pathLen, StandardCharsets.UTF_8));
        }
    }

    /** SUBSCRIBE_REQ: 32 bytes. */
    public record SubscribeRequest(int protoVersion) {
        public byte[] encode() {
            byte[] out = new byte[32];
            le(out).putInt(protoVersion);
            return out;
        }

        public static SubscribeRequest decode(byte[] p) {
            need("SUBSCRIBE_REQ", p, 32, "proto_version + 28 reserved bytes");
            return new SubscribeRequest(le(p).getInt(0));
        }
    }

    /** SUBSCRIBE_RESP: 28 bytes. */
    public record SubscribeResponse(int result, int assignedBit, long initialSeq) {
        public byte[] encode() {
            byte[] out = new byte[28];
            le(out).putInt(result).putInt(assignedBit).putLong(initialSeq);
            return out;
        }

        public static SubscribeResponse decode(byte[] p) {
            need("SUBSCRIBE_RESP", p, 16, "result + assigned_bit + initial_seq");
            ByteBuffer b = le(p);
            SubscribeResponse r = new SubscribeResponse(b.getInt(0), b.getInt(4), b.getLong(8));
            if (r.result == 0 && (r.assignedBit < 1 || r.assignedBit > 31)) {
                throw bad("SUBSCRIBE_RESP", "assigned_bit at offset 4 is " + r.assignedBit + ", expected 1..31");
            }
            return r;
        }
    }

    /** VMM_FDS: 16 bytes (+ FDs out of band). */
    public record SlotFds(long slotSize, int fdCount) {
        public byte[] encode() {
            byte[] out = new byte[16];
            le(out).putLong(slotSize).putInt(fdCount);
            return out;
        }

        public static SlotFds decode(byte[] p) {
            need("VMM_FDS", p, 12, "slot_size_bytes + fd_count");
            ByteBuffer b = le(p);
            long size = b.getLong(0);
            int count = b.getInt(8);
            if (size <= 0 || size > (1L << 40)) {
                throw bad("VMM_FDS", "slot_size_bytes at offset 0 is " + Long.toUnsignedString(size) + ", expected 1..2^40");
            }
            if (count < 2 || count > FramesHeader.MAX_RING) {
                throw bad("VMM_FDS", "fd_count at offset 8 is " + Integer.toUnsignedString(count) + ", expected 2..16");
            }
            return new SlotFds(size, count);
        }
    }

    /** ERROR: 8 + L bytes. */
    public record ErrorMessage(int code, String text) {
        public byte[] encode() {
            byte[] t = text.getBytes(StandardCharsets.UTF_8);
            int len = Math.min(t.length, MAX_ERROR_TEXT);
            byte[] out = new byte[8 + len];
            le(out).putInt(code).putInt(len).put(t, 0, len);
            return out;
        }

        public static ErrorMessage decode(byte[] p) {
            need("ERROR", p, 8, "code + text_len");
            ByteBuffer b = le(p);
            long len = Integer.toUnsignedLong(b.getInt(4));
            if (len > MAX_ERROR_TEXT || 8 + len > p.length) {
                throw bad("ERROR", "text_len at offset 4 is " + len + ", but " + (p.length - 8) + " bytes follow (max 256)");
            }
            return new ErrorMessage(b.getInt(0), new String(p, 8, (int) len, StandardCharsets.UTF_8));
        }

        public CuframesException toException(String context) {
            return new CuframesException(CuframesError.ofCode(code), context + ": publisher replied ERROR " + code + " '" + text + "'");
        }
    }
}
