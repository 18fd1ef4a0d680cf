package io.gevgate.acquisition.genapi;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import java.util.EnumSet;
import java.util.Set;

/**
 * The outcome of evaluating one node: its value as text (or its state, e.g. "(write-only)"),
 * or the error that prevented it.
 */
public record Evaluation(String node, String type, String value, GenApiException error) {

    /** Reasons that mean the document itself is defective or uses what the engine lacks. */
    public static final Set<Reason> DOCUMENT_DEFECTS = EnumSet.of(Reason.UNSUPPORTED, Reason.BAD_FORMULA, Reason.CYCLE,
            Reason.DANGLING_REFERENCE, Reason.MALFORMED_XML, Reason.TYPE_MISMATCH);

    public boolean failed() {
        return error != null;
    }

    /** A failure caused by the document (not by the register values it was evaluated against). */
    public boolean isDocumentDefect() {
        return error != null && DOCUMENT_DEFECTS.contains(error.reason());
    }
}
