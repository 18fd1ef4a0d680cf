package io.gevgate.gendc.pfnc;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * PFNC pixel formats a machine-vision camera commonly sends, with their 32-bit codes.
 *
 * <p>A code is: bits 31-24 class (0x01 mono/single channel, 0x02 colour/multi channel), bits 23-16
 * storage bits per pixel (all channels, packing included), bits 15-0 an id. Where each code came from
 * is listed in {@code docs/gendc.md}: "anchor" codes are in gige-anchors.md §5.5; the others are from
 * the PFNC 2.x table (they sit in the same id sequences as anchor codes).
 *
 * <p>Buffer sizes: a line holds {@code ceil(width × bitsPerPixel / 8)} bytes (each line starts on a byte
 * boundary), followed by {@code paddingX} bytes; the image is {@code height} lines followed by
 * {@code paddingY} bytes — the meaning of GenDC's PaddingX/PaddingY. For planar formats every plane
 * has that line structure. Packed formats ("p": PFNC LSB-first packing; "Packed": the older GigE Vision
 * packing, 2 pixels in 3 bytes) differ in bit layout but their size follows from the bit count alone.
 */
public enum PixelFormat {
    // Mono
    MONO8("Mono8", 0x01080001),
    MONO8S("Mono8s", 0x01080002),
    MONO10("Mono10", 0x01100003),
    MONO10P("Mono10p", 0x010A0046),
    MONO10_PACKED("Mono10Packed", 0x010C0004),
    MONO12("Mono12", 0x01100005),
    MONO12P("Mono12p", 0x010C0047),
    MONO12_PACKED("Mono12Packed", 0x010C0006),
    MONO14("Mono14", 0x01100025),
    MONO14P("Mono14p", 0x010E0104),
    MONO16("Mono16", 0x01100007),
    MONO32("Mono32", 0x01200111),

    // Bayer 8/10/12/16 (unpacked)
    BAYER_GR8("BayerGR8", 0x01080008),
    BAYER_RG8("BayerRG8", 0x01080009),
    BAYER_GB8("BayerGB8", 0x0108000A),
    BAYER_BG8("BayerBG8", 0x0108000B),
    BAYER_GR10("BayerGR10", 0x0110000C),
    BAYER_RG10("BayerRG10", 0x0110000D),
    BAYER_GB10("BayerGB10", 0x0110000E),
    BAYER_BG10("BayerBG10", 0x0110000F),
    BAYER_GR12("BayerGR12", 0x01100010),
    BAYER_RG12("BayerRG12", 0x01100011),
    BAYER_GB12("BayerGB12", 0x01100012),
    BAYER_BG12("BayerBG12", 0x01100013),
    BAYER_GR16("BayerGR16", 0x0110002E),
    BAYER_RG16("BayerRG16", 0x0110002F),
    BAYER_GB16("BayerGB16", 0x01100030),
    BAYER_BG16("BayerBG16", 0x01100031),
    // Bayer PFNC-packed ("p")
    BAYER_GR10P("BayerGR10p", 0x010A0056),
    BAYER_RG10P("BayerRG10p", 0x010A0058),
    BAYER_GB10P("BayerGB10p", 0x010A0054),
    BAYER_BG10P("BayerBG10p", 0x010A0052),
    BAYER_GR12P("BayerGR12p", 0x010C0057),
    BAYER_RG12P("BayerRG12p", 0x010C0059),
    BAYER_GB12P("BayerGB12p", 0x010C0055),
    BAYER_BG12P("BayerBG12p", 0x010C0053),
    // Bayer GigE Vision packed ("Packed")
    BAYER_GR10_PACKED("BayerGR10Packed", 0x010C0026),
    BAYER_RG10_PACKED("BayerRG10Packed", 0x010C0027),
    BAYER_GB10_PACKED("BayerGB10Packed", 0x010C0028),
    BAYER_BG10_PACKED("BayerBG10Packed", 0x010C0029),
    BAYER_GR12_PACKED("BayerGR12Packed", 0x010C002A),
    BAYER_RG12_PACKED("BayerRG12Packed", 0x010C002B),
    BAYER_GB12_PACKED("BayerGB12Packed", 0x010C002C),
    BAYER_BG12_PACKED("BayerBG12Packed", 0x010C002D),

    // RGB / BGR
    RGB8("RGB8", 0x02180014),
    BGR8("BGR8", 0x02180015),
    RGBA8("RGBa8", 0x02200016),
    BGRA8("BGRa8", 0x02200017),
    RGB10("RGB10", 0x02300018),
    BGR10("BGR10", 0x02300019),
    RGB12("RGB12", 0x0230001A),
    BGR12("BGR12", 0x0230001B),
    RGB16("RGB16", 0x02300033),
    RGB8_PLANAR("RGB8_Planar", 0x02180021, 3, 1),
    // Single colour planes (the parts of RGB8_Planar)
    R8("R8", 0x010800C9),
    G8("G8", 0x010800CD),
    B8("B8", 0x010800D1),

    // YUV / YCbCr
    YUV422_8("YUV422_8", 0x02100032, 1, 2),
    YUV422_8_UYVY("YUV422_8_UYVY", 0x0210001F, 1, 2),
    YUV411_8_UYYVYY("YUV411_8_UYYVYY", 0x020C001E, 1, 4),
    YUV8_UYV("YUV8_UYV", 0x02180020),
    YCBCR8("YCbCr8", 0x0218005B),
    YCBCR8_CBYCR("YCbCr8_CbYCr", 0x0218003A),
    YCBCR422_8("YCbCr422_8", 0x0210003B, 1, 2),

    // 3D coordinates
    COORD3D_A8("Coord3D_A8", 0x010800AF),
    COORD3D_B8("Coord3D_B8", 0x010800B0),
    COORD3D_C8("Coord3D_C8", 0x010800B1),
    COORD3D_ABC8("Coord3D_ABC8", 0x021800B2),
    COORD3D_A16("Coord3D_A16", 0x011000B6),
    COORD3D_B16("Coord3D_B16", 0x011000B7),
    COORD3D_C16("Coord3D_C16", 0x011000B8),
    COORD3D_ABC16("Coord3D_ABC16", 0x023000B9),
    COORD3D_A32F("Coord3D_A32f", 0x012000BD),
    COORD3D_B32F("Coord3D_B32f", 0x012000BE),
    COORD3D_C32F("Coord3D_C32f", 0x012000BF),
    COORD3D_ABC32F("Coord3D_ABC32f", 0x026000C0),

    // Confidence
    CONFIDENCE8("Confidence8", 0x010800C6),
    CONFIDENCE16("Confidence16", 0x011000C7),
    CONFIDENCE32F("Confidence32f", 0x012000C8),

    // Raw data (GenDC metadata components use Data8)
    DATA8("Data8", 0x01080116),
    DATA8S("Data8s", 0x01080117),
    DATA16("Data16", 0x01100118),
    DATA16S("Data16s", 0x01100119),
    DATA32("Data32", 0x0120011A),
    DATA32S("Data32s", 0x0120011B),
    DATA32F("Data32f", 0x0120011C);

    /*
     * Code lookup is an open-addressing hash table (linear probing, at most 1/3 full): the validator
     * looks up every part's format, and a binary search's unpredictable branches cost more than the
     * rest of a part's checks. Code 0 is not a PFNC code, so 0 marks an empty slot.
     */
    private static final int TABLE_BITS = 8;
    private static final int[] TABLE_CODES = new int[1 << TABLE_BITS];
    private static final PixelFormat[] TABLE_FORMATS = new PixelFormat[1 << TABLE_BITS];
    private static final Map<String, PixelFormat> BY_NAME;

    static {
        for (PixelFormat f : values()) {
            int slot = slot(f.code);
            while (TABLE_CODES[slot] != 0) {
                slot = (slot + 1) & (TABLE_CODES.length - 1);
            }
            TABLE_CODES[slot] = f.code;
            TABLE_FORMATS[slot] = f;
        }
        Map<String, PixelFormat> names = new HashMap<>();
        for (PixelFormat f : values()) {
            names.put(f.pfncName, f);
        }
        BY_NAME = Collections.unmodifiableMap(names);
    }

    private final String pfncName;
    private final int code;
    private final int planes;
    private final int widthMultiple;
    /** Derived once: divisions in the per-part size check are avoidable cost. */
    private final int bitsPerPlanePixel;

    PixelFormat(String pfncName, int code) {
        this(pfncName, code, 1, 1);
    }

    PixelFormat(String pfncName, int code, int planes, int widthMultiple) {
        this.pfncName = pfncName;
        this.code = code;
        this.planes = planes;
        this.widthMultiple = widthMultiple;
        this.bitsPerPlanePixel = ((code >>> 16) & 0xFF) / planes;
    }

    /** The PFNC name, e.g. {@code "Mono12p"}. */
    public String pfncName() {
        return pfncName;
    }

    /** The 32-bit PFNC code. */
    public int code() {
        return code;
    }

    /** Storage bits per pixel, all channels and planes together (bits 23-16 of the code). */
    public int bitsPerPixel() {
        return (code >>> 16) & 0xFF;
    }

    /** Number of planes (3 for RGB8_Planar, otherwise 1). */
    public int planes() {
        return planes;
    }

    /** Bits one pixel takes in one plane. */
    public int bitsPerPlanePixel() {
        return bitsPerPlanePixel;
    }

    /** Width must be a multiple of this (2 for 4:2:2 YUV, 4 for 4:1:1, else 1). */
    public int widthMultiple() {
        return widthMultiple;
    }

    /** True for formats whose pixels are not a whole number of bytes (10p, 12p, 12Packed, ...). */
    public boolean isPacked() {
        return bitsPerPlanePixel() % 8 != 0;
    }

    /** True for mono, Bayer, single-plane and single-coordinate formats (class byte 0x01). */
    public boolean isSingleChannel() {
        return (code >>> 24) == 0x01;
    }

    /** Bytes one line of one plane takes without padding: {@code ceil(width × bits / 8)}. */
    public long lineBytes(long width) {
        checkWidth(width);
        long bits = Math.multiplyExact(width, (long) bitsPerPlanePixel);
        return (bits + 7) >>> 3; // unsigned shift: right even if bits + 7 passes 2^63
    }

    /** Bytes of an image without padding. */
    public long imageSize(long width, long height) {
        return imageSize(width, height, 0, 0);
    }

    /**
     * Exact bytes of an image of {@code width × height} pixels with GenDC padding: every line of
     * every plane is {@link #lineBytes} + {@code paddingX}, the whole image is followed by
     * {@code paddingY} bytes.
     *
     * @throws IllegalArgumentException for a negative size, a width this format cannot hold
     *         (e.g. odd for YUV422_8) or a size beyond {@code Long.MAX_VALUE}
     */
    public long imageSize(long width, long height, int paddingX, int paddingY) {
        if (height < 0 || paddingX < 0 || paddingY < 0) {
            throw new IllegalArgumentException(pfncName + ": negative size " + width + "x" + height
                    + " padding " + paddingX + "/" + paddingY);
        }
        try {
            long line = Math.addExact(lineBytes(width), paddingX);
            long plane = Math.multiplyExact(line, height);
            return Math.addExact(Math.multiplyExact(plane, planes), paddingY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(pfncName + ": " + width + "x" + height + " overflows 63 bits", e);
        }
    }

    /**
     * Bytes of {@code pixels} pixels packed back to back with no per-line rounding
     * ({@code ceil(pixels × bits / 8)}): the size of a 1D array, or of a packed image whose lines
     * are not byte aligned when the sender packs the whole image as one bit stream.
     */
    public long streamSize(long pixels) {
        if (pixels < 0) {
            throw new IllegalArgumentException(pfncName + ": negative pixel count " + pixels);
        }
        try {
            return Math.ceilDiv(Math.multiplyExact(pixels, (long) bitsPerPixel()), 8);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(pfncName + ": " + pixels + " pixels overflow 63 bits", e);
        }
    }

    private void checkWidth(long width) {
        if (width < 0) {
            throw new IllegalArgumentException(pfncName + ": negative width " + width);
        }
        if ((width & (widthMultiple - 1)) != 0) { // widthMultiple is 1, 2 or 4
            throw new IllegalArgumentException(pfncName + ": width " + width + " is not a multiple of "
                    + widthMultiple);
        }
    }

    private static int slot(int code) {
        return (code * 0x9E3779B9) >>> (32 - TABLE_BITS); // Fibonacci hashing
    }

    /** The format with this code, or {@code null}: allocation-free, usually one probe. */
    public static PixelFormat fromCode(int code) {
        if (code == 0) {
            return null;
        }
        int slot = slot(code);
        while (true) {
            int c = TABLE_CODES[slot];
            if (c == code) {
                return TABLE_FORMATS[slot];
            }
            if (c == 0) {
                return null;
            }
            slot = (slot + 1) & (TABLE_CODES.length - 1);
        }
    }

    /** The format with this exact PFNC name (case-sensitive), or {@code null}. */
    public static PixelFormat fromName(String pfncName) {
        return BY_NAME.get(pfncName);
    }

    /** PFNC name of a code, or {@code "0x%08X"} when this table does not know it. */
    public static String nameOf(int code) {
        PixelFormat f = fromCode(code);
        return f != null ? f.pfncName : String.format("0x%08X", code);
    }

    @Override
    public String toString() {
        return pfncName;
    }
}
