package io.gevgate.acquisition.gvcp;

/** Receives control-privilege events; called on the heartbeat thread, so it must not block long. */
@FunctionalInterface
public interface ControlListener {
    void onControlEvent(ControlEvent event);
}
