package io.gevgate.linux.verbs;

/** A libibverbs call failed on a device that exists: names the call, errno/return value and context. */
public final class VerbsException extends Exception {
    private final String call;
    private final int code;

    public VerbsException(String call, int code, String context) {
        super(call + " failed (" + code + "): " + context);
        this.call = call;
        this.code = code;
    }

    public String call() {
        return call;
    }

    public int code() {
        return code;
    }
}
