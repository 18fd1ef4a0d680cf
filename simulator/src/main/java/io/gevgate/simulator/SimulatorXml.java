package io.gevgate.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The simulator's own GenICam XML (a resource) and its zipped form. */
public final class SimulatorXml {
    public static final String RESOURCE = "/io/gevgate/simulator/gevgate-sim-camera.xml";
    public static final String FILE_NAME = "gevgate-sim-camera.xml";

    private SimulatorXml() {
    }

    public static byte[] builtIn() {
        try (InputStream in = SimulatorXml.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip archive holding {@code xml} as one deflated entry named {@code entryName}. */
    public static byte[] zip(byte[] xml, String entryName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(xml);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
