package io.gevgate.acquisition.net;

import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.linux.net.UdpSocket;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The socket and thread half of a datagram receiver (GVSP, soft RoCE): a bound UDP socket, a
 * preallocated native {@link DatagramRing}, and one platform thread that pulls {@code recvmmsg}
 * batches and hands each batch to a {@link BatchHandler}.
 *
 * <p>The handler is called once per batch, not per datagram, so the per-packet loop stays in the
 * protocol code where the JIT can inline the codec: no allocation and no extra virtual call per
 * packet. The receive thread owns the socket and ring and closes both on exit; {@link #close()}
 * asks it to stop and waits (bounded by the receive timeout).
 */
public final class UdpReceiveThread implements AutoCloseable {
    private static final long STOP_WAIT_SECONDS = 5;

    /** What the receive thread does with the datagrams; all calls come from the receive thread. */
    public interface BatchHandler {
        /** Called once on the receive thread before the first receive (thread scheduling set-up). */
        default void onStart() {
        }

        /** How long the next {@code recvmmsg} may wait, asked before every batch. */
        long receiveTimeoutNanos();

        /** Datagrams sit in ring slots {@code 0..count-1} (count may be 0 on a timeout). */
        void onBatch(DatagramRing ring, int count, long nowNanos);

        /** Called once when the thread stops (normally or after a failure), before the socket closes. */
        default void onStop(long nowNanos) {
        }
    }

    private final System.Logger log;
    private final String label;
    private final UdpSocket socket;
    private final DatagramRing ring;
    private final int localPort;
    private final int grantedReceiveBuffer;
    private final int batchSize;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Thread thread;
    private BatchHandler handler;

    /**
     * Opens and binds the socket and allocates the ring; nothing runs until {@link #start}. On any
     * failure the socket is closed before the exception leaves.
     *
     * @param log         the owning receiver's logger (so messages keep their source)
     * @param label       names the receiver in log lines ("GVSP", "soft-RoCE")
     */
    public UdpReceiveThread(System.Logger log, String label, String bindAddress, int port,
                            int receiveBufferBytes, int batchSize, int slotBytes) throws NativeSocketException {
        this.log = log;
        this.label = label;
        this.batchSize = batchSize;
        UdpSocket s = UdpSocket.open();
        try {
            s.bind(bindAddress, port);
            this.localPort = s.localPort();
            this.grantedReceiveBuffer = s.setReceiveBufferSize(receiveBufferBytes);
            this.ring = new DatagramRing(batchSize, slotBytes);
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
    }

    /** The ring the batches land in (e.g. to build a ByteBuffer view once). */
    public DatagramRing ring() {
        return ring;
    }

    /** The bound local UDP port. */
    public int localPort() {
        return localPort;
    }

    /** The SO_RCVBUF the kernel granted (bytes usable for datagrams). */
    public int receiveBufferBytes() {
        return grantedReceiveBuffer;
    }

    /** Creates the receive thread (unstarted) that feeds {@code handler}; call once. */
    public Thread prepare(String threadName, BatchHandler handler) {
        if (thread != null) {
            throw new IllegalStateException("receive thread already prepared");
        }
        this.handler = handler;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
        return thread;
    }

    /** The receive thread, or null before {@link #prepare}. */
    public Thread thread() {
        return thread;
    }

    /** The exception that stopped the receive thread, or null. */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private void run() {
        try {
            handler.onStart();
            while (running) {
                socket.setReceiveTimeoutNanos(handler.receiveTimeoutNanos());
                int n = socket.receive(ring, batchSize);
                handler.onBatch(ring, n, System.nanoTime());
            }
        } catch (Throwable t) {
            failure = t;
            log.log(System.Logger.Level.ERROR, label + " receive thread failed", t);
        } finally {
            try {
                handler.onStop(System.nanoTime());
            } finally {
                socket.close();
                ring.close();
                running = false;
                stopped.countDown();
            }
        }
    }

    /** Stops the receive thread and closes the socket and ring (directly if it never started). */
    @Override
    public void close() {
        running = false;
        try {
            if (thread != null && thread.isAlive() && !stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.log(System.Logger.Level.WARNING, label + " receive thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if ((thread == null || !thread.isAlive()) && stopped.getCount() > 0) {
            // never started: release native resources here
            socket.close();
            ring.close();
        }
    }
}
