package io.gevgate.bridge.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts; subclassed by the top command so picocli inherits them. */
public abstract class GlobalOptions {

    /** Set by {@code --debug} anywhere on the command line; read by the error handler. */
    static volatile boolean debug;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    void setDebug(boolean value) {
        debug = value;
    }
}
