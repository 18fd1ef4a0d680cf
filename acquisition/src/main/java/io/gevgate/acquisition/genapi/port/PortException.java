package io.gevgate.acquisition.genapi.port;

/** A port could not perform an access: names the address range and the cause. */
public class PortException extends RuntimeException {

    private final long address;
    private final int length;

    public PortException(long address, int length, String message) {
        super(String.format("port access 0x%X+%d: %s", address, length, message));
        this.address = address;
        this.length = length;
    }

    public PortException(long address, int length, String message, Throwable cause) {
        super(String.format("port access 0x%X+%d: %s", address, length, message), cause);
        this.address = address;
        this.length = length;
    }

    public long address() {
        return address;
    }

    public int length() {
        return length;
    }
}
