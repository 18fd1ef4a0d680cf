package io.gevgate.acquisition.gvcp;

/** Something that happened to our control privilege, reported to a {@link ControlListener}. */
public record ControlEvent(Type type, String detail, Throwable cause) {
    public enum Type {
        /** The device answers but we no longer hold CCP (heartbeat expired or someone took over). */
        CONTROL_LOST,
        /** The device stopped answering within the heartbeat timeout. */
        DEVICE_VANISHED
    }
}
