package io.gevgate.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The simulator's own GenICam XML (a resource) and its zipped form. */
public final class SimulatorXml {
    public static final String RESOURCE = "/io/gevgate/simulator/gevgate-sim-camera.xml";
    public static final String FILE_NAME = "gevgate-sim-camera.xml";
    /** The RDMA streaming profile's nodes (docs/rdma-profile.md), merged into the built-in XML. */
    public static final String RDMA_FRAGMENT = "/io/gevgate/simulator/roce/rdma-profile-features.xml";
    private static final String ROOT_CATEGORY = "<Category Name=\"Root\" NameSpace=\"Standard\">";
    private static final String FRAGMENT_OPEN = "<RdmaProfileFeatures>";
    private static final String FRAGMENT_CLOSE = "</RdmaProfileFeatures>";

    private SimulatorXml() {
    }

    /** The camera XML with the RDMA profile's features merged in (category RdmaStreaming under Root). */
    public static byte[] builtIn() {
        return withRdmaProfile(resource(RESOURCE));
    }

    /**
     * {@code xml} with the profile fragment's nodes inserted before {@code </RegisterDescription>}
     * and its category listed under Root. One source of truth: the fragment resource is what a
     * device vendor copies, and what this simulator serves.
     */
    public static byte[] withRdmaProfile(byte[] xml) {
        String doc = new String(xml, StandardCharsets.UTF_8);
        String fragment = new String(resource(RDMA_FRAGMENT), StandardCharsets.UTF_8);
        int from = fragment.indexOf(FRAGMENT_OPEN);
        int to = fragment.indexOf(FRAGMENT_CLOSE);
        int root = doc.indexOf(ROOT_CATEGORY);
        int end = doc.lastIndexOf("</RegisterDescription>");
        if (from < 0 || to < from || root < 0 || end < root) {
            throw new IllegalStateException("cannot merge " + RDMA_FRAGMENT + " into the camera XML");
        }
        String nodes = fragment.substring(from + FRAGMENT_OPEN.length(), to);
        int afterRoot = root + ROOT_CATEGORY.length();
        String merged = doc.substring(0, afterRoot) + "\n    <pFeature>RdmaStreaming</pFeature>" + doc.substring(afterRoot, end)
                + "  <!-- RDMA streaming profile v1 (docs/rdma-profile.md) -->" + nodes + doc.substring(end);
        byte[] bytes = merged.getBytes(StandardCharsets.UTF_8);
        if (bytes.length % 4 == 0) {
            // Aravis (arv-tool genicam) prints the XML as a C string read in whole 32-bit words: with
            // a length that is a multiple of 4 no zero padding follows it in device memory and the
            // print runs past the end. One more newline keeps a NUL in the padding word.
            bytes = (merged + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private static byte[] resource(String name) {
        try (InputStream in = SimulatorXml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + name);
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
