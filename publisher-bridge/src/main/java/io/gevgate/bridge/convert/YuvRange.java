package io.gevgate.bridge.convert;

/** Quantisation range of 8-bit YCbCr. */
public enum YuvRange {
    /** Y in 0..255, Cb/Cr in 0..255 centred on 128 ("JPEG"/"PC" range). */
    FULL,
    /** Y in 16..235, Cb/Cr in 16..240 centred on 128 ("video"/"TV" range). */
    LIMITED
}
