package io.gevgate.bridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code gevgate set NAME=VALUE --address IP}: writes one feature (range, increment, access checked
 * first; takes control privilege for the write), then prints the value read back from the device.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Write one feature of the device and print the value read back.")
public final class SetCommand implements Callable<Integer> {

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Parameters(index = "0", paramLabel = "NAME=VALUE", description = "e.g. Width=640, PixelFormat=Mono8, ExposureTime=5000.")
    String assignment;

    @Override
    public Integer call() {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new CliException(ExitCodes.USAGE, "expected NAME=VALUE, got '" + assignment + "'");
        }
        String name = assignment.substring(0, eq).strip();
        String value = assignment.substring(eq + 1);
        return FeatureSession.run(device, cam -> {
            cam.features().set(name, value);
            cam.features().invalidateAll();
            System.out.println(name + " = " + cam.features().get(name));
            return ExitCodes.OK;
        });
    }
}
