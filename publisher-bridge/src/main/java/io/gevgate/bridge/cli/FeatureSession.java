package io.gevgate.bridge.cli;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.port.PortException;
import io.gevgate.acquisition.gvcp.GvcpTimeoutException;
import java.util.function.Function;

/**
 * Opens the camera behind {@code --address}, loads its features, runs one feature command and maps
 * failures to exit statuses: a bad name or value is the user's input (3), a device that does not
 * answer is unreachable (4), a refusal (read-only, locked, not available, device error) is a failure (1).
 */
final class FeatureSession {
    private FeatureSession() {
    }

    static int run(DeviceOptions device, Function<Camera, Integer> body) {
        try (Camera cam = Cameras.open(device.inet(), device.clientOptions())) {
            return body.apply(cam);
        } catch (GenApiException e) {
            throw toCli(e);
        } catch (RuntimeException e) {
            throw GvcpErrors.toCli(e);
        }
    }

    static NodeMap features(Camera cam) {
        return cam.nodeMap();
    }

    static CliException toCli(GenApiException e) {
        int exit = switch (e.reason()) {
            case NO_SUCH_NODE, TYPE_MISMATCH, INVALID_VALUE, OUT_OF_RANGE -> ExitCodes.INVALID_INPUT;
            case MALFORMED_XML, INSECURE_XML, UNSUPPORTED, DANGLING_REFERENCE, CYCLE, BAD_FORMULA -> ExitCodes.INVALID_INPUT;
            case PORT_ERROR -> timedOut(e) ? ExitCodes.DEVICE_UNREACHABLE : ExitCodes.FAILURE;
            default -> ExitCodes.FAILURE;
        };
        return new CliException(exit, e.getMessage(), e);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GvcpTimeoutException) {
                return true;
            }
            if (t instanceof PortException && t.getCause() == null) {
                return false;
            }
        }
        return false;
    }
}
