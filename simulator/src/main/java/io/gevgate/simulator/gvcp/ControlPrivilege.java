package io.gevgate.simulator.gvcp;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.codec.GvcpStatus;
import java.net.InetSocketAddress;

/**
 * CCP state machine of the simulated device: who holds control (an application is its source
 * address and port), in which mode, and when it was last heard from. Only the GVCP thread mutates
 * it; readers on other threads see volatile snapshots.
 */
public final class ControlPrivilege {
    private volatile InetSocketAddress owner;
    private volatile int ccp;
    private volatile long lastSeenNanos;

    public InetSocketAddress owner() {
        return owner;
    }

    /** CCP as the register reads: mode bits of the current owner, 0 when nobody holds control. */
    public int ccp() {
        return ccp;
    }

    public boolean isOwner(InetSocketAddress source) {
        return source.equals(owner);
    }

    /** Reads are refused only to others while an application holds exclusive access. */
    public boolean mayRead(InetSocketAddress source) {
        InetSocketAddress o = owner;
        return o == null || o.equals(source) || (ccp & BootstrapRegisters.CCP_EXCLUSIVE) == 0;
    }

    /** Writes need control privilege. */
    public boolean mayWrite(InetSocketAddress source) {
        return source.equals(owner);
    }

    /** Any command from the owner counts as a heartbeat. */
    public void heard(InetSocketAddress source, long nowNanos) {
        if (source.equals(owner)) {
            lastSeenNanos = nowNanos;
        }
    }

    /**
     * A write of the CCP register. Returns SUCCESS or ACCESS_DENIED. {@code switchoverKey} is the
     * device's Control Switchover Key register: another application may take over when the owner
     * enabled switchover and the value written carries that key in bits 31–16.
     */
    public GvcpStatus write(InetSocketAddress source, int value, int switchoverKey, long nowNanos) {
        int mode = value & (BootstrapRegisters.CCP_CONTROL | BootstrapRegisters.CCP_EXCLUSIVE | BootstrapRegisters.CCP_SWITCHOVER_ENABLE);
        boolean wantsControl = (value & (BootstrapRegisters.CCP_CONTROL | BootstrapRegisters.CCP_EXCLUSIVE)) != 0;
        InetSocketAddress o = owner;
        if (o == null || o.equals(source)) {
            if (wantsControl) {
                owner = source;
                ccp = mode;
                lastSeenNanos = nowNanos;
            } else if (o != null) {
                release();
            }
            return GvcpStatus.SUCCESS;
        }
        boolean switchover = (ccp & BootstrapRegisters.CCP_SWITCHOVER_ENABLE) != 0
                && (ccp & BootstrapRegisters.CCP_EXCLUSIVE) == 0
                && wantsControl && ((value >>> 16) & 0xFFFF) == (switchoverKey & 0xFFFF);
        if (switchover) {
            owner = source;
            ccp = mode;
            lastSeenNanos = nowNanos;
            return GvcpStatus.SUCCESS;
        }
        return GvcpStatus.ACCESS_DENIED;
    }

    /** True when an owner exists and has been silent longer than {@code timeoutMs}. */
    public boolean expired(long nowNanos, long timeoutMs) {
        return owner != null && nowNanos - lastSeenNanos > timeoutMs * 1_000_000L;
    }

    public void release() {
        owner = null;
        ccp = 0;
    }
}
