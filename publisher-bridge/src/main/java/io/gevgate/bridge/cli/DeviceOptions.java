package io.gevgate.bridge.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** {@code --address} / {@code --timeout-ms} for commands that talk to one device. */
final class DeviceOptions {
    @Option(names = "--address", required = true, description = "IP address of the device.")
    String address;

    @Option(names = "--timeout-ms", defaultValue = "500", description = "GVCP timeout per try in ms (default ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--tries", defaultValue = "5", description = "GVCP tries per command (default ${DEFAULT-VALUE}).")
    int tries;

    InetAddress inet() {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new CliException(ExitCodes.USAGE, "--address: not an IP address: " + address);
        }
    }

    io.gevgate.acquisition.gvcp.GvcpClient.Options clientOptions() {
        return new io.gevgate.acquisition.gvcp.GvcpClient.Options(java.time.Duration.ofMillis(timeoutMs), tries, null);
    }
}
