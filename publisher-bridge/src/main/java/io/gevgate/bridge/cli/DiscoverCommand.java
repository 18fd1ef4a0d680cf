package io.gevgate.bridge.cli;

import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.Discovery;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gevgate discover}: unicast to one address, or broadcast on one interface or all. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Find GigE Vision devices (unicast with --address, else broadcast).")
public final class DiscoverCommand implements Callable<Integer> {

    @Option(names = "--address", description = "Ask only this address (unicast, no broadcast).")
    String address;

    @Option(names = "--interface", description = "Broadcast only on this network interface (e.g. eth0).")
    String iface;

    @Option(names = "--timeout-ms", defaultValue = "1000", description = "How long to wait for answers (default ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Override
    public Integer call() {
        Duration timeout = Duration.ofMillis(timeoutMs);
        List<DeviceInfo> found;
        try {
            if (address != null) {
                InetAddress a;
                try {
                    a = InetAddress.getByName(address);
                } catch (UnknownHostException e) {
                    throw new CliException(ExitCodes.USAGE, "--address: not an IP address: " + address);
                }
                found = List.of(Discovery.unicast(a, timeout));
            } else if (iface != null) {
                NetworkInterface nif;
                try {
                    nif = NetworkInterface.getByName(iface);
                } catch (SocketException e) {
                    nif = null;
                }
                if (nif == null) {
                    throw new CliException(ExitCodes.USAGE, "--interface: no such interface: " + iface);
                }
                found = Discovery.broadcast(nif, timeout);
            } else {
                found = Discovery.broadcastAll(timeout);
            }
        } catch (RuntimeException e) {
            throw GvcpErrors.toCli(e);
        }
        for (DeviceInfo d : found) {
            System.out.printf("%s  %s %s  serial=%s  mac=%s  ip=%s/%s  gev=%s  version=%s  user=%s%n",
                    d.source().getAddress().getHostAddress(), d.manufacturer(), d.model(), d.serialNumber(),
                    d.macString(), d.currentIp().getHostAddress(), d.subnetMask().getHostAddress(),
                    d.specVersionString(), d.deviceVersion(), d.userName());
        }
        if (found.isEmpty()) {
            System.err.println("gevgate: no device answered");
            return ExitCodes.DEVICE_UNREACHABLE;
        }
        return ExitCodes.OK;
    }
}
