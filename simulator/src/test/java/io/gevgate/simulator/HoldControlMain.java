package io.gevgate.simulator;

import io.gevgate.acquisition.gvcp.ControlChannel;
import io.gevgate.acquisition.gvcp.GvcpClient;
import java.net.InetAddress;

/** Child process for the kill test: takes control of a device, heartbeats, and waits to be killed. */
public final class HoldControlMain {
    private HoldControlMain() {
    }

    public static void main(String[] args) throws Exception {
        GvcpClient client = GvcpClient.open(InetAddress.getByName(args[0]));
        ControlChannel control = new ControlChannel(client, e -> System.out.println("EVENT " + e.type()));
        control.take(ControlChannel.Mode.CONTROL);
        System.out.println("HOLDING port=" + client.localAddress().getPort());
        System.out.flush();
        Thread.sleep(60_000); // bounded: the test kills us long before
    }
}
