package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import io.gevgate.linux.Libc;
import io.gevgate.linux.LinuxException;
import io.gevgate.linux.ScmRights;
import io.gevgate.linux.UnixSocket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * Message framing over a cuframes control socket (protocol §5.1): an 8-byte header
 * (u32 type, u32 payload_length ≤ 4096) and the payload; FDs ride SCM_RIGHTS on the first byte.
 * Control-plane only, so messages are plain byte arrays.
 */
public final class ControlChannel implements AutoCloseable {
    private static final java.lang.foreign.ValueLayout.OfInt U32 = JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A received message; the receiver owns {@code fds} and must close the ones it keeps no use for. */
    public record Message(int type, byte[] payload, int[] fds) {
        public void closeFds() {
            for (int fd : fds) {
                Libc.closeQuietly(fd);
            }
        }
    }

    private final UnixSocket socket;

    public ControlChannel(UnixSocket socket) {
        this.socket = socket;
    }

    public UnixSocket socket() {
        return socket;
    }

    private static MemorySegment frame(Arena a, int type, byte[] payload) {
        if (payload.length > MessageType.MAX_PAYLOAD) {
            throw new CuframesException(CuframesError.INVALID_ARG, MessageType.name(type) + " payload "
                    + payload.length + " bytes exceeds " + MessageType.MAX_PAYLOAD);
        }
        MemorySegment m = a.allocate(MessageType.HEADER_SIZE + payload.length);
        m.set(U32, 0, type);
        m.set(U32, 4, payload.length);
        MemorySegment.copy(payload, 0, m, JAVA_BYTE, 8, payload.length);
        return m;
    }

    /** Sends one message; a gone peer is {@link CuframesError#DISCONNECTED}. */
    public void send(int type, byte[] payload) {
        sendWithFds(type, payload, new int[0]);
    }

    public void sendWithFds(int type, byte[] payload, int[] fds) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = frame(a, type, payload);
            if (fds.length == 0) {
                socket.sendAll(m);
            } else {
                socket.sendWithFds(m, fds);
            }
        } catch (LinuxException e) {
            throw new CuframesException(CuframesError.DISCONNECTED, "sending " + MessageType.name(type) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Receives one message within {@code timeoutMs} ({@code < 0} = forever), accepting up to
     * {@code maxFds} descriptors. EOF → DISCONNECTED, deadline → TIMEOUT, bad framing → PROTOCOL.
     */
    public Message receive(int timeoutMs, int maxFds) {
        long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000L;
        int[] fds = new int[0];
        try (Arena a = Arena.ofConfined()) {
            MemorySegment hdr = a.allocate(MessageType.HEADER_SIZE);
            long got;
            if (maxFds > 0) {
                ScmRights.Received r = socket.receiveWithFds(hdr, Math.min(maxFds, ScmRights.MAX_FDS), timeoutMs);
                fds = r.fds();
                got = r.bytes();
                if (got == UnixSocket.TIMED_OUT) {
                    throw new CuframesException(CuframesError.TIMEOUT, "no message within " + timeoutMs + " ms");
                }
                if (got == 0) {
                    throw new CuframesException(CuframesError.DISCONNECTED, "peer closed the control socket");
                }
                if (got < MessageType.HEADER_SIZE) {
                    long rest = socket.receiveFully(hdr.asSlice(got), deadline);
                    got = rest < 0 ? rest : got + rest;
                }
            } else {
                got = socket.receiveFully(hdr, deadline);
            }
            if (got == UnixSocket.TIMED_OUT) {
                throw new CuframesException(CuframesError.TIMEOUT, "no complete message header within " + timeoutMs + " ms");
            }
            if (got == 0) {
                throw new CuframesException(CuframesError.DISCONNECTED, "peer closed the control socket");
            }
            if (got < MessageType.HEADER_SIZE) {
                throw new CuframesException(CuframesError.PROTOCOL,
                        "message header truncated: " + got + " of 8 bytes before EOF");
            }
            int type = hdr.get(U32, 0);
            long len = Integer.toUnsignedLong(hdr.get(U32, 4));
            if (len > MessageType.MAX_PAYLOAD) {
                throw new CuframesException(CuframesError.PROTOCOL, MessageType.name(type)
                        + ": payload_length at offset 4 is " + len + ", expected 0..4096");
            }
            byte[] payload = new byte[(int) len];
            if (len > 0) {
                MemorySegment p = a.allocate(len);
                long n = socket.receiveFully(p, deadline);
                if (n == UnixSocket.TIMED_OUT) {
                    throw new CuframesException(CuframesError.TIMEOUT, MessageType.name(type)
                            + ": payload of " + len + " bytes not complete within " + timeoutMs + " ms");
                }
                if (n < len) {
                    throw new CuframesException(CuframesError.PROTOCOL, MessageType.name(type)
                            + ": payload truncated, " + n + " of " + len + " bytes before EOF");
                }
                MemorySegment.copy(p, JAVA_BYTE, 0, payload, 0, (int) len);
            }
            Message m = new Message(type, payload, fds);
            fds = null;
            return m;
        } catch (LinuxException e) {
            throw new CuframesException(CuframesError.IO, "control socket: " + e.getMessage(), e);
        } finally {
            if (fds != null) {
                for (int fd : fds) {
                    Libc.closeQuietly(fd);
                }
            }
        }
    }

    /** Sends ERROR{code, text}, ignoring a peer that is already gone. */
    public void trySendError(CuframesError error, String text) {
        try {
            send(MessageType.ERROR, new Messages.ErrorMessage(error.code(), text).encode());
        } catch (CuframesException ignored) {
            // the peer left; nothing more to tell it
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
