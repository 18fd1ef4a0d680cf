package io.gevgate.acquisition.gvcp.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Fetches the GenICam XML a URL points at: {@code Local:} through device memory reads, {@code File:}
 * from the local file system, {@code http(s):} only when {@link Limits#allowHttp()}. Zip archives
 * are unpacked under size and compression-ratio limits (the XML is untrusted input); a SHA-1 in the
 * URL is checked against the bytes as stored (the archive, or the plain XML).
 */
public final class GenICamXmlLoader {

    /** Reads device memory (e.g. {@code GvcpClient::readMemory}). */
    @FunctionalInterface
    public interface MemoryReader {
        byte[] read(int address, int length);
    }

    /**
     * @param maxXmlBytes largest unpacked XML accepted
     * @param maxRatio    largest uncompressed/compressed ratio accepted for a zip entry
     * @param allowHttp   whether http(s) URLs may be fetched at all
     */
    public record Limits(long maxXmlBytes, int maxRatio, boolean allowHttp) {
        public static Limits defaults() {
            return new Limits(32L << 20, 200, false);
        }
    }

    private final MemoryReader memory;
    private final Limits limits;

    public GenICamXmlLoader(MemoryReader memory, Limits limits) {
        this.memory = memory;
        this.limits = limits;
    }

    /** Loads from the first URL, and from the second one if the first cannot be used. */
    public GenICamXml load(String firstUrl, String secondUrl) {
        try {
            return load(firstUrl);
        } catch (XmlRetrievalException first) {
            if (secondUrl == null || secondUrl.isBlank()) {
                throw first;
            }
            try {
                return load(secondUrl);
            } catch (XmlRetrievalException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    public GenICamXml load(String urlText) {
        XmlUrl url = XmlUrl.parse(urlText);
        byte[] stored = switch (url.scheme()) {
            case LOCAL -> memory.read((int) url.address(), (int) url.length());
            case FILE -> readFile(url);
            case HTTP -> fetchHttp(url);
        };
        boolean verified = false;
        if (url.sha1() != null) {
            byte[] digest = sha1(stored);
            if (!MessageDigest.isEqual(digest, url.sha1())) {
                throw new XmlRetrievalException("SHA-1 mismatch for " + url.fileName() + ": URL says "
                        + HexFormat.of().formatHex(url.sha1()) + ", data has " + HexFormat.of().formatHex(digest));
            }
            verified = true;
        }
        byte[] xml = url.zipped() ? unzip(stored, url.fileName()) : trimNul(stored);
        if (xml.length > limits.maxXmlBytes()) {
            throw new XmlRetrievalException("XML " + url.fileName() + " is " + xml.length + " bytes, limit " + limits.maxXmlBytes());
        }
        return new GenICamXml(urlText.strip(), url.fileName(), xml, url.zipped(), verified);
    }

    private byte[] readFile(XmlUrl url) {
        Path p = Path.of(url.path());
        try {
            long size = Files.size(p);
            if (size > limits.maxXmlBytes()) {
                throw new XmlRetrievalException("XML file " + p + " is " + size + " bytes, limit " + limits.maxXmlBytes());
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new XmlRetrievalException("cannot read XML file " + p + ": " + e.getMessage(), e);
        }
    }

    private byte[] fetchHttp(XmlUrl url) {
        if (!limits.allowHttp()) {
            throw new XmlRetrievalException("XML URL " + url.path()
                    + " needs an HTTP download, which is disabled (allow it explicitly to fetch from the network)");
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url.path())).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                throw new XmlRetrievalException("HTTP " + resp.statusCode() + " for " + url.path());
            }
            try (InputStream in = resp.body()) {
                return readBounded(in, limits.maxXmlBytes(), url.path());
            }
        } catch (IOException e) {
            throw new XmlRetrievalException("HTTP download of " + url.path() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmlRetrievalException("HTTP download of " + url.path() + " interrupted", e);
        }
    }

    /** Unpacks the XML entry of a zip (the first *.xml entry, else the only entry) within the limits. */
    byte[] unzip(byte[] zip, String name) {
        long maxByRatio = (long) zip.length * limits.maxRatio();
        long max = Math.min(limits.maxXmlBytes(), maxByRatio);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            int entries = 0;
            while ((e = in.getNextEntry()) != null) {
                entries++;
                if (entries > 64) {
                    throw new XmlRetrievalException("zip " + name + " has more than 64 entries");
                }
                if (e.isDirectory() || !e.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    continue;
                }
                byte[] xml = readBounded(in, max, "zip entry " + e.getName() + " of " + name
                        + " (limit " + limits.maxXmlBytes() + " bytes, ratio " + limits.maxRatio() + ")");
                return trimNul(xml);
            }
            throw new XmlRetrievalException("zip " + name + " holds no .xml entry (" + entries + " entries)");
        } catch (ZipException e) {
            throw new XmlRetrievalException("zip " + name + " is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlRetrievalException("zip " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(InputStream in, long max, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                throw new XmlRetrievalException(what + " exceeds " + max + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** A Local: length may be padded with NULs beyond the XML text. */
    private static byte[] trimNul(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return end == b.length ? b : Arrays.copyOf(b, end);
    }

    public static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }
}
