package io.gevgate.acquisition.gvcp.xml;

/** The GenICam XML could not be located, fetched or unpacked; the message says which step and why. */
public final class XmlRetrievalException extends RuntimeException {
    public XmlRetrievalException(String message) {
        super(message);
    }

    public XmlRetrievalException(String message, Throwable cause) {
        super(message, cause);
    }
}
