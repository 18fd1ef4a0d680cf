package io.gevgate.bridge.cuframes;

import io.gevgate.linux.UnixSocket;

/**
 * One accepted control connection: runs the publisher side of the handshake (protocol §5.9),
 * then monitors the socket until EOF and frees the subscriber's bit. Runs on its own platform
 * thread (FFM downcalls blocking in recv would pin a virtual thread's carrier).
 */
final class SubscriberConnection implements Runnable {
    private final CuframesPublisher publisher;
    private final ControlChannel channel;
    private volatile int bit = -1;

    SubscriberConnection(CuframesPublisher publisher, UnixSocket socket) {
        this.publisher = publisher;
        this.channel = new ControlChannel(socket);
    }

    int bit() {
        return bit;
    }

    /** Wakes the monitor (it sees EOF) — used by publisher shutdown and STRICT_WAIT eviction. */
    void shutdown() {
        channel.socket().shutdown();
    }

    @Override
    public void run() {
        boolean handshakeDone = false;
        try {
            handshake();
            handshakeDone = true;
            publisher.handshakeFinished();
            monitor();
        } catch (CuframesException e) {
            switch (e.error()) {
                case DISCONNECTED -> { }
                case TIMEOUT, PROTOCOL, INVALID_ARG -> {
                    publisher.stats().handshakeErrors.increment();
                    channel.trySendError(e.error(), e.getMessage());
                }
                default -> publisher.stats().handshakeErrors.increment();
            }
        } catch (RuntimeException e) {
            publisher.stats().handshakeErrors.increment();
            channel.trySendError(CuframesError.INTERNAL, String.valueOf(e.getMessage()));
        } finally {
            if (!handshakeDone) {
                publisher.handshakeFinished();
            }
            if (bit > 0) {
                publisher.registry().release(bit, this);
            }
            channel.close();
            publisher.connectionEnded(this);
        }
    }

    private ControlChannel.Message expect(int type, String stage) {
        ControlChannel.Message m = channel.receive(publisher.config().handshakeTimeoutMs(), 0);
        if (m.type() != type) {
            throw new CuframesException(CuframesError.PROTOCOL, stage + ": expected " + MessageType.name(type)
                    + " (0x" + Integer.toHexString(type) + "), got " + MessageType.name(m.type()));
        }
        return m;
    }

    private void handshake() {
        FramesHeader h = publisher.header();
        Messages.HelloRequest hello = Messages.HelloRequest.decode(expect(MessageType.HELLO_REQ, "handshake").payload());
        boolean protoOk = hello.protoVersion() == FramesHeader.PROTO_VERSION;
        byte[] meta = h.meta().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        channel.send(MessageType.HELLO_RESP, new Messages.HelloResponse(
                protoOk ? CuframesError.OK.code() : CuframesError.PROTOCOL.code(), FramesHeader.PROTO_VERSION,
                h.ringSize(), 0, meta, publisher.config().key().framesShmName()).encode());
        if (!protoOk) {
            publisher.stats().handshakeErrors.increment();
            throw new CuframesException(CuframesError.DISCONNECTED, "subscriber speaks proto " + hello.protoVersion());
        }
        Messages.SubscribeRequest sub = Messages.SubscribeRequest.decode(
                expect(MessageType.SUBSCRIBE_REQ, "after HELLO").payload());
        if (sub.protoVersion() != FramesHeader.PROTO_VERSION) {
            throw new CuframesException(CuframesError.PROTOCOL,
                    "SUBSCRIBE_REQ proto_version at offset 0: expected 4, got " + sub.protoVersion());
        }
        SubscriberRegistry.Allocation alloc = publisher.registry().allocate(this, hello.consumerName(), hello.mode(),
                hello.cudaDevice());
        if (alloc == null) {
            publisher.stats().tooMany.increment();
            channel.send(MessageType.SUBSCRIBE_RESP,
                    new Messages.SubscribeResponse(CuframesError.TOO_MANY.code(), 0, FramesHeader.NONE).encode());
            throw new CuframesException(CuframesError.DISCONNECTED, "no free subscriber bit");
        }
        int b = alloc.bit();
        bit = b;
        channel.send(MessageType.SUBSCRIBE_RESP,
                new Messages.SubscribeResponse(CuframesError.OK.code(), b, alloc.initialSeq()).encode());
        int[] fds = publisher.memory().exportFds();
        channel.sendWithFds(MessageType.VMM_FDS,
                new Messages.SlotFds(publisher.memory().slotSize(), fds.length).encode(), fds);
        publisher.registry().activate(b, this);
        publisher.stats().subscribed.increment();
    }

    private void monitor() {
        while (true) {
            ControlChannel.Message m = channel.receive(-1, 0);
            if (m.type() == MessageType.PING) {
                channel.send(MessageType.PONG, m.payload());
            } else {
                throw new CuframesException(CuframesError.PROTOCOL, "after the handshake only PING is allowed, got "
                        + MessageType.name(m.type()));
            }
        }
    }
}
