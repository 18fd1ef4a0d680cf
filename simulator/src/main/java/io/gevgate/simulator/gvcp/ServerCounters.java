package io.gevgate.simulator.gvcp;

import java.util.concurrent.atomic.LongAdder;

/** What the simulated device received and refused; every dropped datagram has a counter. */
public final class ServerCounters {
    final LongAdder commands = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder errorAcks = new LongAdder();
    final LongAdder accessDenied = new LongAdder();
    final LongAdder unknownCommands = new LongAdder();
    final LongAdder resendRequests = new LongAdder();
    final LongAdder resendUnhandled = new LongAdder();
    final LongAdder heartbeatExpiries = new LongAdder();
    final LongAdder eventsSent = new LongAdder();
    final LongAdder eventAcks = new LongAdder();
    final LongAdder pendingAcksSent = new LongAdder();
    final LongAdder actionsMatched = new LongAdder();
    final LongAdder internalErrors = new LongAdder();

    /** Commands whose handling threw unexpectedly (should stay 0; tests check it). */
    public long internalErrors() {
        return internalErrors.sum();
    }

    public long commands() {
        return commands.sum();
    }

    /** Datagrams that were not a valid command (dropped, or answered with an error status). */
    public long malformed() {
        return malformed.sum();
    }

    public long errorAcks() {
        return errorAcks.sum();
    }

    public long accessDenied() {
        return accessDenied.sum();
    }

    public long unknownCommands() {
        return unknownCommands.sum();
    }

    public long resendRequests() {
        return resendRequests.sum();
    }

    public long resendUnhandled() {
        return resendUnhandled.sum();
    }

    public long heartbeatExpiries() {
        return heartbeatExpiries.sum();
    }

    public long eventsSent() {
        return eventsSent.sum();
    }

    public long eventAcks() {
        return eventAcks.sum();
    }

    public long pendingAcksSent() {
        return pendingAcksSent.sum();
    }

    public long actionsMatched() {
        return actionsMatched.sum();
    }

    @Override
    public String toString() {
        return "commands=" + commands() + " malformed=" + malformed() + " errorAcks=" + errorAcks()
                + " accessDenied=" + accessDenied() + " unknown=" + unknownCommands()
                + " resend=" + resendRequests() + " resendUnhandled=" + resendUnhandled()
                + " heartbeatExpiries=" + heartbeatExpiries() + " events=" + eventsSent() + "/" + eventAcks()
                + " pendingAcks=" + pendingAcksSent() + " actions=" + actionsMatched() + " internalErrors=" + internalErrors();
    }
}
