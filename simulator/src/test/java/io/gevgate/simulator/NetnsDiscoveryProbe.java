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
            // A broadcast collects answers for a fixed window; first make sure the device is serving
            // (a unicast discovery returns as soon as it answers) and leave a loaded machine 2 s.
            Discovery.unicast(InetAddress.getByName("127.0.0.1"), Duration.ofSeconds(15));
            Duration window = Duration.ofSeconds(2);
            List<DeviceInfo> onLo = Discovery.broadcast(NetworkInterface.getByName("lo"), window);
            for (DeviceInfo i : onLo) {
                System.out.println("FOUND-LO " + i.serialNumber() + " " + i.source().getAddress().getHostAddress());
            }
            List<DeviceInfo> all = Discovery.broadcastAll(window);
            for (DeviceInfo i : all) {
                System.out.println("FOUND-ALL " + i.serialNumber());
            }
            // A broadcast ACTION reaches the device too (keys set device-side).
            d.registers().set(io.gevgate.acquisition.gvcp.BootstrapRegisters.ACTION_DEVICE_KEY, 0x77);
            d.registers().set(io.gevgate.acquisition.gvcp.BootstrapRegisters.ACTION_GROUP_KEY_BASE, 0x5);
            d.registers().set(io.gevgate.acquisition.gvcp.BootstrapRegisters.ACTION_GROUP_MASK_BASE, 0x1);
            var acked = Discovery.broadcastAction(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("255.255.255.255"),
                    0x77, 0x5, 0x1, null, window);
            System.out.println("ACTION acked=" + acked.size() + " matched=" + d.counters().actionsMatched());
            System.out.println("DONE lo=" + onLo.size() + " all=" + all.size() + " action=" + acked.size());
        }
    }
}
