package io.gevgate.simulator.registers;

/** Who may read or write a register or memory area over GVCP. */
public enum Access {
    RO, RW,
    /** A command register: a write executes it, a read returns 0 (self-clearing). */
    COMMAND
}
