package io.gevgate.linux.verbs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of a receive-only UC queue pair session, in the order the Holoscan Sensor Bridge
 * receiver walks it: device opened, protection domain + completion channel + CQ allocated, memory
 * registered, QP created (RESET), INIT, receive WRs posted, RTR (receive-ready; never RTS: this side
 * never sends), then RUNNING until closed. Any step may fail into FAILED; CLOSED is final.
 */
public enum VerbsState {
    CLOSED, DEVICE_OPEN, RESOURCES, MEMORY_REGISTERED, QP_RESET, QP_INIT, RECEIVES_POSTED, QP_RTR, RUNNING, FAILED;

    /** States reachable from this one. */
    public Set<VerbsState> next() {
        return switch (this) {
            case CLOSED -> EnumSet.of(DEVICE_OPEN);
            case DEVICE_OPEN -> EnumSet.of(RESOURCES, FAILED, CLOSED);
            case RESOURCES -> EnumSet.of(MEMORY_REGISTERED, FAILED, CLOSED);
            case MEMORY_REGISTERED -> EnumSet.of(MEMORY_REGISTERED, QP_RESET, FAILED, CLOSED);
            case QP_RESET -> EnumSet.of(QP_INIT, FAILED, CLOSED);
            case QP_INIT -> EnumSet.of(RECEIVES_POSTED, FAILED, CLOSED);
            case RECEIVES_POSTED -> EnumSet.of(QP_RTR, FAILED, CLOSED);
            case QP_RTR -> EnumSet.of(RUNNING, FAILED, CLOSED);
            case RUNNING -> EnumSet.of(FAILED, CLOSED);
            case FAILED -> EnumSet.of(CLOSED);
        };
    }

    /** The state after {@code target}, or an exception naming both when the step is out of order. */
    public VerbsState to(VerbsState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("verbs session cannot go from " + this + " to " + target
                    + " (allowed: " + next() + ")");
        }
        return target;
    }
}
