package io.gevgate.acquisition.genapi.port;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Register values for a {@link MemoryPort}, as text: one {@code ADDRESS VALUE} per line,
 * {@code #} starts a comment. VALUE is an integer (decimal or 0x-hex, may be negative) stored
 * big-endian in 4 bytes (the GigE Vision convention), or in N bytes with {@code ADDRESS:N}
 * (N = 1..8); or a double-quoted ASCII string stored as its bytes. Example:
 * <pre>
 * 0x100 512            # Width
 * 0x1000:8 0x1122334455667788
 * 0x48 "Aravis"        # DeviceVendorName
 * </pre>
 */
public final class RegisterFile {

    /** One parsed line: bytes to store at an address. */
    public record Entry(long address, byte[] bytes, int line) {
    }

    /** A line that does not follow the format; names the line number and what was wrong. */
    public static final class FormatException extends RuntimeException {
        private final int line;

        public FormatException(int line, String message) {
            super("register file line " + line + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private RegisterFile() {
    }

    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int sp = indexOfWhitespace(line);
            if (sp < 0) {
                throw new FormatException(lineNo, "expected ADDRESS VALUE, found \"" + line + "\"");
            }
            String addrPart = line.substring(0, sp);
            String valuePart = line.substring(sp).strip();
            int length = 4;
            int colon = addrPart.indexOf(':');
            if (colon >= 0) {
                length = (int) number(lineNo, addrPart.substring(colon + 1), "length");
                addrPart = addrPart.substring(0, colon);
                if (length < 1 || length > 8) {
                    throw new FormatException(lineNo, "length must be 1..8, found " + length);
                }
            }
            long address = number(lineNo, addrPart, "address");
            if (address < 0) {
                throw new FormatException(lineNo, "negative address");
            }
            if (valuePart.startsWith("\"")) {
                if (valuePart.length() < 2 || !valuePart.endsWith("\"")) {
                    throw new FormatException(lineNo, "unterminated string");
                }
                out.add(new Entry(address, valuePart.substring(1, valuePart.length() - 1)
                        .getBytes(StandardCharsets.US_ASCII), lineNo));
                continue;
            }
            long v = number(lineNo, valuePart, "value");
            if (length < 8) {
                long lo = -(1L << (8 * length - 1));
                long hi = (1L << (8 * length)) - 1;
                if (v < lo || v > hi) {
                    throw new FormatException(lineNo, "value " + valuePart + " does not fit " + length + " bytes");
                }
            }
            byte[] b = new byte[length];
            for (int k = 0; k < length; k++) {
                b[length - 1 - k] = (byte) (v >>> (8 * k));
            }
            out.add(new Entry(address, b, lineNo));
        }
        return out;
    }

    /** Parses and stores every entry into the port. */
    public static int apply(String text, MemoryPort port) {
        List<Entry> entries = parse(text);
        for (Entry e : entries) {
            try {
                port.poke(e.address(), e.bytes());
            } catch (PortException ex) {
                throw new FormatException(e.line(), ex.getMessage());
            }
        }
        return entries.size();
    }

    private static String stripComment(String s) {
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static long number(int line, String s, String what) {
        String t = s.strip();
        try {
            boolean neg = t.startsWith("-");
            String body = neg ? t.substring(1) : t;
            long v = body.startsWith("0x") || body.startsWith("0X")
                    ? Long.parseUnsignedLong(body.substring(2), 16) : Long.parseLong(body);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw new FormatException(line, what + " \"" + t + "\" is not an integer");
        }
    }
}
