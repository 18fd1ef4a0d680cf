package io.gevgate.acquisition.gvcp;

import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test peer on {@code address:3956} that answers each command with whatever a script returns
 * (possibly malformed), so the client's ack parsing and retry logic can be exercised.
 */
final class ScriptedDevice implements AutoCloseable {
    /** One reply: bytes to send after a delay. */
    record Reply(byte[] bytes, long delayMs) {
        static Reply now(byte[] b) {
            return new Reply(b, 0);
        }
    }

    @FunctionalInterface
    interface Script {
        List<Reply> answer(CommandHeader command, byte[] raw);
    }

    private final DatagramChannel channel;
    private final Thread thread;
    final List<byte[]> received = new CopyOnWriteArrayList<>();

    ScriptedDevice(String address, Script script) throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getByName(address), 3956));
        thread = Thread.ofPlatform().daemon().name("scripted-device-" + address).start(() -> {
            ByteBuffer rx = ByteBuffer.allocate(2000);
            CommandHeader h = new CommandHeader();
            while (channel.isOpen()) {
                try {
                    rx.clear();
                    InetSocketAddress from = (InetSocketAddress) channel.receive(rx);
                    byte[] raw = new byte[rx.position()];
                    rx.get(0, raw);
                    received.add(raw);
                    h.wrap(ByteBuffer.wrap(raw), 0, raw.length);
                    for (Reply r : script.answer(h, raw)) {
                        if (r.delayMs() > 0) {
                            Thread.sleep(r.delayMs());
                        }
                        channel.send(ByteBuffer.wrap(r.bytes()), from);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a malformed command from a test: ignore
                }
            }
        });
    }

    InetAddress address() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getAddress();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
