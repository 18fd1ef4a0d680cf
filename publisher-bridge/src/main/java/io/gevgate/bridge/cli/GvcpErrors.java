package io.gevgate.bridge.cli;

import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.acquisition.gvcp.GvcpTimeoutException;
import io.gevgate.acquisition.gvcp.xml.XmlRetrievalException;

/** Maps acquisition errors to CLI exit statuses. */
final class GvcpErrors {
    private GvcpErrors() {
    }

    static CliException toCli(RuntimeException e) {
        if (e instanceof GvcpTimeoutException) {
            return new CliException(ExitCodes.DEVICE_UNREACHABLE, e.getMessage(), e);
        }
        if (e instanceof GvcpException) {
            return new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        if (e instanceof XmlRetrievalException) {
            return new CliException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
        if (e instanceof CliException ce) {
            return ce;
        }
        return new CliException(ExitCodes.FAILURE, e.getMessage(), e);
    }
}
