package io.gevgate.acquisition.gvcp.xml;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A parsed XML location from the First/Second URL register:
 * {@code Local:[///]name.xml|.zip;address;length[?SHA1=hex]} (address and length in hex, with or
 * without 0x), {@code File:path[?SHA1=hex]} or {@code http(s)://…}.
 */
public record XmlUrl(Scheme scheme, String fileName, long address, long length, String path, byte[] sha1) {
    public enum Scheme { LOCAL, FILE, HTTP }

    /** Upper bound for a Local: length: bootstrap memory is 32-bit, and no sane XML is bigger. */
    public static final long MAX_LOCAL_LENGTH = 64L << 20;

    public boolean zipped() {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Parses a URL string; throws {@link XmlRetrievalException} naming the part that is wrong. */
    public static XmlUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new XmlRetrievalException("XML URL is empty");
        }
        String s = url.strip();
        byte[] sha1 = null;
        int q = s.indexOf('?');
        if (q >= 0) {
            String query = s.substring(q + 1);
            s = s.substring(0, q);
            for (String part : query.split("[&;]")) {
                if (part.regionMatches(true, 0, "SHA1=", 0, 5)) {
                    String hex = part.substring(5);
                    if (!hex.matches("[0-9a-fA-F]{40}")) {
                        throw new XmlRetrievalException("XML URL '" + url + "': SHA1 must be 40 hex digits, got '" + hex + "'");
                    }
                    sha1 = HexFormat.of().parseHex(hex);
                }
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("local:")) {
            String rest = s.substring(6);
            while (rest.startsWith("/")) {
                rest = rest.substring(1);
            }
            String[] parts = rest.split(";");
            if (parts.length != 3) {
                throw new XmlRetrievalException("XML URL '" + url + "': expected Local:name;address;length, got "
                        + parts.length + " ';'-separated parts");
            }
            String name = parts[0].strip();
            if (name.isEmpty()) {
                throw new XmlRetrievalException("XML URL '" + url + "': file name is empty");
            }
            long address = hex(parts[1], "address", url);
            long length = hex(parts[2], "length", url);
            if (address > 0xFFFF_FFFFL) {
                throw new XmlRetrievalException("XML URL '" + url + "': address beyond 32 bits");
            }
            if (length == 0 || length > MAX_LOCAL_LENGTH) {
                throw new XmlRetrievalException("XML URL '" + url + "': length must be 1.." + MAX_LOCAL_LENGTH + ", got " + length);
            }
            return new XmlUrl(Scheme.LOCAL, name, address, length, null, sha1);
        }
        if (lower.startsWith("file:")) {
            String path = s.substring(5);
            if (path.startsWith("///")) {
                path = path.substring(2);
            }
            if (path.isEmpty()) {
                throw new XmlRetrievalException("XML URL '" + url + "': file path is empty");
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            return new XmlUrl(Scheme.FILE, name, 0, 0, path, sha1);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            String name = s.substring(s.lastIndexOf('/') + 1);
            return new XmlUrl(Scheme.HTTP, name, 0, 0, s, sha1);
        }
        throw new XmlRetrievalException("XML URL '" + url + "': unknown scheme (expected Local:, File: or http(s):)");
    }

    private static long hex(String field, String what, String url) {
        String t = field.strip();
        if (t.regionMatches(true, 0, "0x", 0, 2)) {
            t = t.substring(2);
        }
        if (!t.matches("[0-9a-fA-F]{1,16}")) {
            throw new XmlRetrievalException("XML URL '" + url + "': " + what + " must be hex (with or without 0x), got '" + field + "'");
        }
        return Long.parseUnsignedLong(t, 16);
    }
}
