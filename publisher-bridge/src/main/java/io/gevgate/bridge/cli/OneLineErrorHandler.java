package io.gevgate.bridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints an error as one line ("gevgate: message"), the stack trace only with --debug. */
final class OneLineErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        var err = cli.getErr();
        err.println("gevgate: " + describe(ex));
        if (GlobalOptions.debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof CliException ce ? ce.exitCode() : ExitCodes.FAILURE;
    }

    static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }
}
