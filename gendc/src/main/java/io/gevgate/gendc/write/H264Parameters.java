package io.gevgate.gendc.write;

/**
 * The H.264 fields of an H.264 part header (RFC 6184 SDP parameters as GenDC carries them).
 *
 * @param profileIdc             profile_idc
 * @param constraintSetFlags     constraint_set0..3 flags, bits 0-3
 * @param packetizationMode      0 single NAL unit, 1 non-interleaved, 2 interleaved
 * @param levelIdc               level_idc
 * @param spropInterleavingDepth sprop-interleaving-depth (u16)
 * @param spropMaxDonDiff        sprop-max-don-diff (u16)
 * @param spropDeintBufReq       sprop-deint-buf-req (u32)
 * @param spropInitBufTime       sprop-init-buf-time (u32)
 */
public record H264Parameters(int profileIdc, int constraintSetFlags, int packetizationMode, int levelIdc,
        int spropInterleavingDepth, int spropMaxDonDiff, long spropDeintBufReq, long spropInitBufTime) {

    public H264Parameters {
        Checks.range("profileIdc", profileIdc, 0xFF);
        Checks.range("constraintSetFlags", constraintSetFlags, 0x0F);
        Checks.range("packetizationMode", packetizationMode, 2);
        Checks.range("levelIdc", levelIdc, 0xFF);
        Checks.range("spropInterleavingDepth", spropInterleavingDepth, 0xFFFF);
        Checks.range("spropMaxDonDiff", spropMaxDonDiff, 0xFFFF);
        Checks.range("spropDeintBufReq", spropDeintBufReq, 0xFFFF_FFFFL);
        Checks.range("spropInitBufTime", spropInitBufTime, 0xFFFF_FFFFL);
    }

    /** Constrained baseline (profile 66, constraint_set1), level 3.1, non-interleaved mode. */
    public static H264Parameters constrainedBaseline() {
        return new H264Parameters(66, 0b0010, 1, 31, 0, 0, 0, 0);
    }

    /** The flags byte as the header stores it. */
    public int flagsByte() {
        return constraintSetFlags | (packetizationMode << 4);
    }
}
