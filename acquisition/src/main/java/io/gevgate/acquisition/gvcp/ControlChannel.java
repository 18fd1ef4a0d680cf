package io.gevgate.acquisition.gvcp;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Control channel privilege (CCP 0x0A00): take it (control, exclusive, optionally with a switchover
 * key), keep it with a heartbeat, release it. The heartbeat reads CCP like Aravis; a read that no
 * longer shows our privilege is {@link ControlEvent.Type#CONTROL_LOST}, and a device that stops
 * answering for a whole heartbeat timeout is {@link ControlEvent.Type#DEVICE_VANISHED}; each is
 * reported exactly once, a vanished device within the heartbeat timeout plus one read.
 */
public final class ControlChannel implements AutoCloseable {
    public enum Mode {
        CONTROL(BootstrapRegisters.CCP_CONTROL),
        EXCLUSIVE(BootstrapRegisters.CCP_EXCLUSIVE);

        final int bits;

        Mode(int bits) {
            this.bits = bits;
        }
    }

    private final GvcpClient client;
    private final ControlListener listener;
    private volatile boolean held;
    private volatile Thread heartbeat;
    private volatile Duration heartbeatTimeout = Duration.ofSeconds(3);
    /** Whether the device reports the primary application's port (0x0A04), checked by the heartbeat. */
    private volatile boolean primaryPortKnown;

    public ControlChannel(GvcpClient client, ControlListener listener) {
        this.client = Objects.requireNonNull(client);
        this.listener = Objects.requireNonNull(listener);
    }

    /** Takes control (CCP = mode); starts the heartbeat. */
    public void take(Mode mode) {
        writeCcp(mode.bits);
    }

    /**
     * Takes control as primary and allows switchover: writes the Control Switchover Key register,
     * then CCP with switchover enabled. Another application that writes CCP with that key in bits
     * 31–16 may take control from us (needs the primary-application-switchover capability); we then
     * report {@link ControlEvent.Type#CONTROL_LOST}.
     */
    public void takeAllowingSwitchover(Mode mode, int switchoverKey) {
        client.writeRegister(BootstrapRegisters.CCP, mode.bits);
        client.writeRegister(BootstrapRegisters.CONTROL_SWITCHOVER_KEY, switchoverKey & 0xFFFF);
        writeCcp(mode.bits | BootstrapRegisters.CCP_SWITCHOVER_ENABLE);
    }

    /** Takes control from a primary that allowed switchover, presenting its key. */
    public void takeBySwitchover(Mode mode, int switchoverKey) {
        writeCcp(mode.bits | ((switchoverKey & 0xFFFF) << 16));
    }

    private void writeCcp(int value) {
        client.writeRegister(BootstrapRegisters.CCP, value);
        held = true;
        int ms = client.readRegister(BootstrapRegisters.HEARTBEAT_TIMEOUT);
        try {
            primaryPortKnown = new GvcpCapabilities(client.readRegister(BootstrapRegisters.GVCP_CAPABILITY))
                    .has(GvcpCapabilities.CCP_APPLICATION_PORT_IP);
        } catch (GvcpException e) {
            primaryPortKnown = false;
        }
        heartbeatTimeout = Duration.ofMillis(ms > 0 ? Math.min(ms, 600_000) : 3000);
        startHeartbeat();
    }

    public boolean isHeld() {
        return held;
    }

    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /** Releases control (CCP = 0) and stops the heartbeat. */
    public void release() {
        stopHeartbeat();
        if (held) {
            held = false;
            client.writeRegister(BootstrapRegisters.CCP, 0);
        }
    }

    /** Heartbeat period: a third of the device timeout, at most Aravis' 1 s, at least 20 ms. */
    public Duration period() {
        long ms = Math.clamp(heartbeatTimeout.toMillis() / 3, 20, 1000);
        return Duration.ofMillis(ms);
    }

    private void startHeartbeat() {
        stopHeartbeat();
        Thread t = Thread.ofVirtual().name("gvcp-heartbeat-" + client.device()).unstarted(this::heartbeatLoop);
        heartbeat = t; // published before start: the loop runs while it is the current heartbeat
        t.start();
    }

    private void stopHeartbeat() {
        Thread t = heartbeat;
        heartbeat = null;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void heartbeatLoop() {
        Thread self = Thread.currentThread();
        long period = period().toNanos();
        long timeoutNanos = heartbeatTimeout.toNanos();
        // Each read gets two short tries, but one slow answer is not a vanished device: on a
        // loaded host a reply (or this virtual thread) can be late by more than a third of the
        // device timeout. The device only drops us after a whole heartbeat timeout without a
        // command, so we too call it vanished only after a whole timeout without an answer,
        // retrying at once in between (reported within the timeout plus one try).
        Duration tryTimeout = Duration.ofMillis(Math.clamp(heartbeatTimeout.toMillis() / 6, 20, 500));
        long lastAnswer = System.nanoTime();
        boolean retryNow = false;
        while (heartbeat == self && held) {
            if (!retryNow) {
                LockSupport.parkNanos(period);
            }
            retryNow = false;
            if (heartbeat != self || Thread.interrupted()) {
                return;
            }
            int ccp;
            int primaryPort = -1;
            try {
                ccp = client.readRegister(BootstrapRegisters.CCP, tryTimeout, 2);
                if (primaryPortKnown) {
                    primaryPort = client.readRegister(BootstrapRegisters.PRIMARY_APPLICATION_PORT, tryTimeout, 2) & 0xFFFF;
                }
                lastAnswer = System.nanoTime();
            } catch (GvcpTimeoutException e) {
                long silent = System.nanoTime() - lastAnswer;
                if (silent < timeoutNanos) {
                    retryNow = true;
                    continue;
                }
                lost(ControlEvent.Type.DEVICE_VANISHED, "no answer to heartbeat for " + silent / 1_000_000
                        + " ms (heartbeat timeout " + heartbeatTimeout.toMillis() + " ms)", e);
                return;
            } catch (GvcpException e) {
                lost(ControlEvent.Type.CONTROL_LOST, "heartbeat refused: " + e.statusName(), e);
                return;
            }
            if ((ccp & (BootstrapRegisters.CCP_CONTROL | BootstrapRegisters.CCP_EXCLUSIVE)) == 0) {
                lost(ControlEvent.Type.CONTROL_LOST, String.format("CCP reads 0x%08X", ccp), null);
                return;
            }
            // CCP shows the controller's mode to everyone: the primary port tells whether it is still us.
            if (primaryPort >= 0 && primaryPort != client.localAddress().getPort()) {
                lost(ControlEvent.Type.CONTROL_LOST, "another application (port " + primaryPort + ") holds control", null);
                return;
            }
        }
    }

    private void lost(ControlEvent.Type type, String detail, Throwable cause) {
        if (!held) {
            return;
        }
        held = false;
        heartbeat = null;
        listener.onControlEvent(new ControlEvent(type, detail, cause));
    }

    /** Releases control if held (errors while releasing are ignored: the device may be gone). */
    @Override
    public void close() {
        try {
            release();
        } catch (GvcpException e) {
            held = false;
        }
    }
}
