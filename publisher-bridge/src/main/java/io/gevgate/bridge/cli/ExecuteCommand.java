package io.gevgate.bridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gevgate execute NAME --address IP}: runs a Command feature (takes control privilege for it). */
@Command(name = "execute", mixinStandardHelpOptions = true, description = "Execute a command feature (e.g. TriggerSoftware).")
public final class ExecuteCommand implements Callable<Integer> {

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "Command feature name, e.g. AcquisitionStart.")
    String name;

    @Override
    public Integer call() {
        return FeatureSession.run(device, cam -> {
            cam.features().execute(name);
            System.out.println(name + " executed");
            return ExitCodes.OK;
        });
    }
}
