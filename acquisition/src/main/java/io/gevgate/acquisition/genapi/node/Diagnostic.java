package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;

/**
 * A problem found while loading or linking a document that did not stop the load. ERROR: the
 * document uses something the engine does not implement or is broken (a lenient load goes on,
 * {@code genicam check} fails). WARNING: information is lost but no value is affected (a
 * category entry naming a missing node).
 */
public record Diagnostic(String node, Reason reason, Severity severity, String message) {

    public enum Severity { WARNING, ERROR }

    @Override
    public String toString() {
        return severity + " " + (node == null ? "" : node + ": ") + message + " [" + reason + "]";
    }
}
