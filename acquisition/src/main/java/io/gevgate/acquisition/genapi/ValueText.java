package io.gevgate.acquisition.genapi;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.node.Representation;
import java.util.HexFormat;
import java.util.Locale;

/** Text forms of values: what {@code get} prints and {@code set} accepts. */
final class ValueText {

    private ValueText() {
    }

    static String formatInteger(long v, Representation r) {
        return switch (r) {
            case HEX_NUMBER -> "0x" + Long.toHexString(v).toUpperCase(Locale.ROOT);
            case IPV4_ADDRESS -> ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
            case MAC_ADDRESS -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 5; i >= 0; i--) {
                    sb.append(String.format("%02x", (v >>> (8 * i)) & 0xFF));
                    if (i > 0) {
                        sb.append(':');
                    }
                }
                yield sb.toString();
            }
            default -> Long.toString(v);
        };
    }

    /** Decimal, 0x-hex, dotted IPv4 or colon-separated MAC. */
    static long parseInteger(String node, String text) {
        String s = text.strip();
        try {
            if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                long v = 0;
                for (String part : s.split("\\.")) {
                    int p = Integer.parseInt(part);
                    if (p > 255) {
                        throw new NumberFormatException();
                    }
                    v = (v << 8) | p;
                }
                return v;
            }
            if (s.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
                return Long.parseLong(s.replace(":", ""), 16);
            }
            boolean neg = s.startsWith("-");
            String body = neg ? s.substring(1) : s;
            long v = body.startsWith("0x") || body.startsWith("0X")
                    ? Long.parseUnsignedLong(body.substring(2), 16) : Long.parseLong(body);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw new GenApiException(node, Reason.INVALID_VALUE, "\"" + s + "\" is not an integer");
        }
    }

    static double parseFloat(String node, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new GenApiException(node, Reason.INVALID_VALUE, "\"" + text.strip() + "\" is not a number");
        }
    }

    static boolean parseBoolean(String node, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw new GenApiException(node, Reason.INVALID_VALUE, "\"" + text.strip() + "\" is not a boolean");
        };
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] parseHex(String node, String text) {
        try {
            String s = text.strip();
            return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
        } catch (IllegalArgumentException e) {
            throw new GenApiException(node, Reason.INVALID_VALUE, "register value must be hex bytes");
        }
    }
}
