package io.gevgate.simulator;

import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.Discovery;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;

/**
 * Runs inside a private network namespace that has only {@code lo}: starts a simulator on 127.0.0.1
 * and finds it by broadcast on lo and on all interfaces. Broadcasting is safe there: nothing leaves.
 */
public final class NetnsDiscoveryProbe {
    private NetnsDiscoveryProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.1")))) {
            List<DeviceInfo> onLo = Discovery.broadcast(NetworkInterface.getByName("lo"), Duration.ofMillis(800));
            for (DeviceInfo i : onLo) {
                System.out.println("FOUND-LO " + i.serialNumber() + " " + i.source().getAddress().getHostAddress());
            }
            List<DeviceInfo> all = Discovery.broadcastAll(Duration.ofMillis(800));
            for (DeviceInfo i : all) {
                System.out.println("FOUND-ALL " + i.serialNumber());
            }
            System.out.println("DONE lo=" + onLo.size() + " all=" + all.size());
        }
    }
}
