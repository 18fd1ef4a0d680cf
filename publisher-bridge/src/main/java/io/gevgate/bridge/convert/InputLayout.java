package io.gevgate.bridge.convert;

/**
 * The camera pixel layouts the converter reads, each with its PFNC code (GigE Vision / GenICam
 * PFNC: bits 31-24 class, bits 23-16 bits per pixel on the wire, bits 15-0 id).
 *
 * <p>A later merge maps this to the gendc module's PixelFormat table by {@link #pfnc()}; the code
 * is the only identity that matters (Aravis and PFNC disagree on some names).
 */
public enum InputLayout {
    MONO8(0x01080001, Family.MONO, Packing.U8, 8, null),
    MONO10(0x01100003, Family.MONO, Packing.U16LE, 10, null),
    MONO12(0x01100005, Family.MONO, Packing.U16LE, 12, null),
    MONO16(0x01100007, Family.MONO, Packing.U16LE, 16, null),
    /** PFNC Mono10p: 4 pixels in 5 bytes, LSB-first bit stream. */
    MONO10P(0x010A0046, Family.MONO, Packing.LSB_PACKED, 10, null),
    /** PFNC Mono12p: 2 pixels in 3 bytes, LSB-first bit stream. */
    MONO12P(0x010C0047, Family.MONO, Packing.LSB_PACKED, 12, null),
    /** GigE Vision Mono10Packed: 2 pixels in 3 bytes, high bytes first, low bits in the middle byte. */
    MONO10_PACKED(0x010C0004, Family.MONO, Packing.GEV_PACKED, 10, null),
    /** GigE Vision Mono12Packed: 2 pixels in 3 bytes, high bytes first, low nibbles in the middle byte. */
    MONO12_PACKED(0x010C0006, Family.MONO, Packing.GEV_PACKED, 12, null),
    BAYER_GR8(0x01080008, Family.BAYER, Packing.U8, 8, BayerPhase.GR),
    BAYER_RG8(0x01080009, Family.BAYER, Packing.U8, 8, BayerPhase.RG),
    BAYER_GB8(0x0108000A, Family.BAYER, Packing.U8, 8, BayerPhase.GB),
    BAYER_BG8(0x0108000B, Family.BAYER, Packing.U8, 8, BayerPhase.BG),
    BAYER_GR12P(0x010C0057, Family.BAYER, Packing.LSB_PACKED, 12, BayerPhase.GR),
    BAYER_RG12P(0x010C0059, Family.BAYER, Packing.LSB_PACKED, 12, BayerPhase.RG),
    BAYER_GB12P(0x010C0055, Family.BAYER, Packing.LSB_PACKED, 12, BayerPhase.GB),
    BAYER_BG12P(0x010C0053, Family.BAYER, Packing.LSB_PACKED, 12, BayerPhase.BG),
    BAYER_GR10(0x0110000C, Family.BAYER, Packing.U16LE, 10, BayerPhase.GR),
    BAYER_RG10(0x0110000D, Family.BAYER, Packing.U16LE, 10, BayerPhase.RG),
    BAYER_GB10(0x0110000E, Family.BAYER, Packing.U16LE, 10, BayerPhase.GB),
    BAYER_BG10(0x0110000F, Family.BAYER, Packing.U16LE, 10, BayerPhase.BG),
    BAYER_GR12(0x01100010, Family.BAYER, Packing.U16LE, 12, BayerPhase.GR),
    BAYER_RG12(0x01100011, Family.BAYER, Packing.U16LE, 12, BayerPhase.RG),
    BAYER_GB12(0x01100012, Family.BAYER, Packing.U16LE, 12, BayerPhase.GB),
    BAYER_BG12(0x01100013, Family.BAYER, Packing.U16LE, 12, BayerPhase.BG),
    BAYER_GR16(0x0110002E, Family.BAYER, Packing.U16LE, 16, BayerPhase.GR),
    BAYER_RG16(0x0110002F, Family.BAYER, Packing.U16LE, 16, BayerPhase.RG),
    BAYER_GB16(0x01100030, Family.BAYER, Packing.U16LE, 16, BayerPhase.GB),
    BAYER_BG16(0x01100031, Family.BAYER, Packing.U16LE, 16, BayerPhase.BG),
    BAYER_GR10P(0x010A0056, Family.BAYER, Packing.LSB_PACKED, 10, BayerPhase.GR),
    BAYER_RG10P(0x010A0058, Family.BAYER, Packing.LSB_PACKED, 10, BayerPhase.RG),
    BAYER_GB10P(0x010A0054, Family.BAYER, Packing.LSB_PACKED, 10, BayerPhase.GB),
    BAYER_BG10P(0x010A0052, Family.BAYER, Packing.LSB_PACKED, 10, BayerPhase.BG),
    /** GigE Vision BayerXX12Packed: same byte layout as Mono12Packed. */
    BAYER_GR12_PACKED(0x010C002A, Family.BAYER, Packing.GEV_PACKED, 12, BayerPhase.GR),
    BAYER_RG12_PACKED(0x010C002B, Family.BAYER, Packing.GEV_PACKED, 12, BayerPhase.RG),
    BAYER_GB12_PACKED(0x010C002C, Family.BAYER, Packing.GEV_PACKED, 12, BayerPhase.GB),
    BAYER_BG12_PACKED(0x010C002D, Family.BAYER, Packing.GEV_PACKED, 12, BayerPhase.BG),
    RGB8(0x02180014, Family.RGB, Packing.RGB8, 8, null),
    BGR8(0x02180015, Family.RGB, Packing.BGR8, 8, null),
    /** PFNC YUV422_8: Y0 U Y1 V (Aravis: YUV_422_YUYV_PACKED). */
    YUV422_YUYV(0x02100032, Family.YUV422, Packing.YUYV, 8, null),
    /** PFNC YUV422_8_UYVY: U Y0 V Y1 (Aravis: YUV_422_PACKED). */
    YUV422_UYVY(0x0210001F, Family.YUV422, Packing.UYVY, 8, null);

    /** How the pixels of a layout turn into colour. */
    public enum Family { MONO, BAYER, RGB, YUV422 }

    /** How samples sit in the bytes of one row. */
    public enum Packing {
        /** One byte per sample. */
        U8,
        /** Two bytes per sample, little-endian, value in the low {@code sampleBits} bits. */
        U16LE,
        /** PFNC "p": sample i occupies bits [i*b, i*b+b) of the row read as a little-endian bit string. */
        LSB_PACKED,
        /** GigE Vision "Packed": pairs of samples in 3 bytes (hi0, lo0|lo1<<4, hi1). */
        GEV_PACKED,
        RGB8, BGR8, YUYV, UYVY
    }

    private final int pfnc;
    private final Family family;
    private final Packing packing;
    private final int sampleBits;
    private final BayerPhase bayerPhase;

    InputLayout(int pfnc, Family family, Packing packing, int sampleBits, BayerPhase bayerPhase) {
        this.pfnc = pfnc;
        this.family = family;
        this.packing = packing;
        this.sampleBits = sampleBits;
        this.bayerPhase = bayerPhase;
    }

    /** The layout with this PFNC code. */
    public static InputLayout fromPfnc(int pfnc) {
        for (InputLayout layout : values()) {
            if (layout.pfnc == pfnc) {
                return layout;
            }
        }
        throw new ConversionException(String.format(
                "pixel format: expected one of the supported PFNC codes %s but found 0x%08X",
                supportedList(), pfnc));
    }

    private static String supportedList() {
        StringBuilder text = new StringBuilder("[");
        for (InputLayout layout : values()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(layout.name()).append('=').append(String.format("0x%08X", layout.pfnc));
        }
        return text.append(']').toString();
    }

    public int pfnc() {
        return pfnc;
    }

    public Family family() {
        return family;
    }

    public Packing packing() {
        return packing;
    }

    /** Significant bits of one sample (8, 10, 12 or 16). */
    public int sampleBits() {
        return sampleBits;
    }

    /** The mosaic arrangement, or null when {@link #family()} is not BAYER. */
    public BayerPhase bayerPhase() {
        return bayerPhase;
    }

    /** Bits one pixel occupies on the wire (bits 23-16 of the PFNC code). */
    public int wireBitsPerPixel() {
        return (pfnc >>> 16) & 0xFF;
    }

    /** Bytes of one unpadded row: ceil(width * wireBitsPerPixel / 8). Every row starts on a byte boundary. */
    public long rowBytes(int width) {
        return (width * (long) wireBitsPerPixel() + 7) / 8;
    }
}
