package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.PixelFormats;
import io.gevgate.acquisition.gvsp.codec.GvspPayloadType;

/**
 * How one block's payload is arranged, fixed for a configuration: a list of units (the image, a
 * multipart part, a GenDC flow) with their place in the payload, their format and the salt of
 * their test pattern. Every block of a stream shares the layout; only the content changes.
 */
final class BlockLayout {
    static final int CHUNK_TAG = 8;
    static final int IMAGE_CHUNK_ID = 0x00000001;
    static final int COUNTER_CHUNK_ID = 0x00001001;
    static final int METADATA_PATTERN = 32;

    /** One contiguous piece of the payload. */
    record Unit(long offset, long length, int salt, int pixelFormat, long width, long height, int dataType,
                long typeId, boolean pattern) {
    }

    final PayloadKind kind;
    final int payloadType;
    final long totalSize;
    final Unit[] units;
    /** GenDC only: descriptor size (flow 0) and the flow sizes for the flow mapping table. */
    final int descriptorSize;
    final long[] flowSizes;

    private BlockLayout(PayloadKind kind, int payloadType, Unit[] units, int descriptorSize) {
        this.kind = kind;
        this.payloadType = payloadType;
        this.units = units;
        this.descriptorSize = descriptorSize;
        long end = 0;
        for (Unit u : units) {
            end = Math.max(end, u.offset + u.length);
        }
        this.totalSize = end;
        if (kind == PayloadKind.GENDC) {
            flowSizes = new long[units.length];
            for (int i = 0; i < units.length; i++) {
                flowSizes[i] = units[i].length;
            }
        } else {
            flowSizes = null;
        }
    }

    static BlockLayout of(GvspEmitterConfig c) {
        int pf = c.pixelFormat();
        long w = c.width();
        long h = c.height();
        long image = PixelFormats.imageSize(pf, w, h, 0, 0);
        requirePattern(image, "image");
        return switch (c.payloadKind()) {
            case IMAGE -> new BlockLayout(c.payloadKind(), GvspPayloadType.IMAGE,
                    new Unit[] {new Unit(0, image, 0, pf, w, h, 1, 0, true)}, 0);
            case IMAGE_WITH_CHUNKS, CHUNK_DATA -> new BlockLayout(c.payloadKind(),
                    c.payloadKind() == PayloadKind.CHUNK_DATA ? GvspPayloadType.CHUNK_DATA
                            : GvspPayloadType.IMAGE | GvspPayloadType.CHUNK_FLAG,
                    new Unit[] {
                        new Unit(0, image, 0, pf, w, h, 1, 0, true),
                        // image chunk tag, then an 8-byte frame-counter chunk with its tag
                        new Unit(image, CHUNK_TAG + 8 + CHUNK_TAG, 1, 0, 0, 0, 0x0A, 0, false)}, 0);
            case RAW -> new BlockLayout(c.payloadKind(), GvspPayloadType.RAW,
                    new Unit[] {new Unit(0, c.rawSize(), 0, 0, 0, 0, 0, 0, true)}, 0);
            case JPEG -> new BlockLayout(c.payloadKind(), GvspPayloadType.JPEG,
                    new Unit[] {new Unit(0, c.rawSize(), 0, 0, 0, 0, 0, 0, true)}, 0);
            case MULTIPART -> {
                long conf = PixelFormats.imageSize(PixelFormats.CONFIDENCE8, w, h, 0, 0);
                requirePattern(conf, "confidence part");
                yield new BlockLayout(c.payloadKind(), GvspPayloadType.MULTIPART, new Unit[] {
                    new Unit(0, image, 0, pf, w, h, 1, 0, true),
                    new Unit(image, conf, 1, PixelFormats.CONFIDENCE8, w, h, 9, 0, true),
                    new Unit(image + conf, 48, 2, PixelFormats.DATA8, 0, 0, 0x0A, 0, true)}, 0);
            }
            case GENDC -> {
                long range = PixelFormats.imageSize(PixelFormats.COORD3D_C16, w, h, 0, 0);
                long conf = PixelFormats.imageSize(PixelFormats.CONFIDENCE8, w, h, 0, 0);
                requirePattern(conf, "confidence component");
                int desc = GenDcDescriptorWriter.descriptorSize(4);
                long at = desc;
                Unit d = new Unit(0, desc, -1, 0, 0, 0, 0, 0, false);
                Unit i1 = new Unit(at, image, 1, pf, w, h, 0x4200, GenDcDescriptorWriter.TYPE_INTENSITY, true);
                at += image;
                Unit i2 = new Unit(at, range, 2, PixelFormats.COORD3D_C16, w, h, 0x4200,
                        GenDcDescriptorWriter.TYPE_RANGE, true);
                at += range;
                Unit i3 = new Unit(at, conf, 3, PixelFormats.CONFIDENCE8, w, h, 0x4200,
                        GenDcDescriptorWriter.TYPE_CONFIDENCE, true);
                at += conf;
                Unit i4 = new Unit(at, METADATA_PATTERN + CHUNK_TAG, 4, PixelFormats.DATA8, 0, 0, 0x4000,
                        GenDcDescriptorWriter.TYPE_METADATA, false);
                yield new BlockLayout(c.payloadKind(), GvspPayloadType.GENDC, new Unit[] {d, i1, i2, i3, i4}, desc);
            }
        };
    }

    private static void requirePattern(long size, String what) {
        if (size < TestPattern.HEADER_SIZE) {
            throw new IllegalArgumentException(what + " has " + size + " bytes; the self-checking pattern needs 16");
        }
    }
}
