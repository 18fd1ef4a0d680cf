package io.gevgate.bridge.cli;

import io.gevgate.acquisition.gvcp.ControlChannel;
import io.gevgate.acquisition.gvcp.GvcpClient;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gevgate regs read|write ADDR [VAL]}: one register, hex (0x…) or decimal. */
@Command(name = "regs", mixinStandardHelpOptions = true,
        description = "Read or write one 32-bit device register (write takes control privilege for the write).")
public final class RegsCommand implements Callable<Integer> {

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Parameters(index = "0", description = "read or write")
    String action;

    @Parameters(index = "1", description = "Register address (0x… hex or decimal).")
    String addressText;

    @Parameters(index = "2", arity = "0..1", description = "Value to write (0x… hex or decimal).")
    String valueText;

    @Override
    public Integer call() {
        int address = (int) parse(addressText, "ADDR");
        try (GvcpClient client = GvcpClient.open(new InetSocketAddress(device.inet(), 3956), device.clientOptions())) {
            switch (action) {
                case "read" -> {
                    if (valueText != null) {
                        throw new CliException(ExitCodes.USAGE, "regs read takes no value");
                    }
                    int v = client.readRegister(address);
                    System.out.printf("0x%08X = 0x%08X (%d)%n", address, v, Integer.toUnsignedLong(v));
                }
                case "write" -> {
                    if (valueText == null) {
                        throw new CliException(ExitCodes.USAGE, "regs write needs a value");
                    }
                    int value = (int) parse(valueText, "VAL");
                    try (ControlChannel control = new ControlChannel(client, e -> { })) {
                        control.take(ControlChannel.Mode.CONTROL);
                        client.writeRegister(address, value);
                    }
                    System.out.printf("0x%08X <- 0x%08X%n", address, value);
                }
                default -> throw new CliException(ExitCodes.USAGE, "expected 'read' or 'write', got '" + action + "'");
            }
        } catch (RuntimeException e) {
            throw GvcpErrors.toCli(e);
        }
        return ExitCodes.OK;
    }

    static long parse(String text, String what) {
        try {
            String t = text.strip();
            long v = t.regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException("out of 32-bit range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, what + ": not a 32-bit number: " + text);
        }
    }
}
