package io.gevgate.simulator.gvcp;

/** Receives ACTION_CMDs whose device key, group key and group mask matched (e.g. a trigger). */
@FunctionalInterface
public interface ActionHandler {
    void onAction(int groupKey, int groupMask);
}
