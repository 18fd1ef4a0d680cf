package io.gevgate.bridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gevgate get NAME --address IP}: prints one feature's value (enum symbol, number, text). */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Read one feature of the device (GenICam name).")
public final class GetCommand implements Callable<Integer> {

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "Feature name, e.g. Width.")
    String name;

    @Override
    public Integer call() {
        return FeatureSession.run(device, cam -> {
            System.out.println(cam.features().get(name));
            return ExitCodes.OK;
        });
    }
}
