package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.PixelFormats;
import io.gevgate.acquisition.gvsp.codec.GvspPayloadType;
import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartSpec;

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
    static final long METADATA_LAYOUT_ID = 1;

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
    /** GenDC only: the container (gendc module's writer) and where each component's part lies in the payload. */
    final ContainerSpec genDc;
    final GenDcPart[] genDcParts;

    /** One GenDC component's single part: its place in the payload (flows back to back) and pattern salt. */
    record GenDcPart(long offset, long length, int salt, boolean metadata) {
    }

    private BlockLayout(PayloadKind kind, int payloadType, Unit[] units, int descriptorSize) {
        this(kind, payloadType, units, descriptorSize, null, null);
    }

    private BlockLayout(PayloadKind kind, int payloadType, Unit[] units, int descriptorSize, ContainerSpec genDc,
                        GenDcPart[] genDcParts) {
        this.kind = kind;
        this.payloadType = payloadType;
        this.units = units;
        this.descriptorSize = descriptorSize;
        this.genDc = genDc;
        this.genDcParts = genDcParts;
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
            case GENDC -> genDc(c.payloadKind(), pf, w, h, image);
        };
    }

    /**
     * GenDC: intensity in flow 1, range and confidence sharing flow 2 (so confidence has a non-zero
     * FlowOffset), chunk metadata in flow 3; the descriptor alone in flow 0. The container is laid
     * out by the gendc module's {@link ContainerSpec} (the same writer files and the RDMA emitter
     * use); the payload buffer holds the flows back to back, one unit per flow, and the packet's
     * flow id is the unit index.
     */
    private static BlockLayout genDc(PayloadKind kind, int pf, long w, long h, long image) {
        long conf = PixelFormats.imageSize(PixelFormats.CONFIDENCE8, w, h, 0, 0);
        requirePattern(conf, "confidence component");
        ContainerSpec spec = ContainerSpec.builder()
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, pf,
                        new PartSpec(HeaderTypes.PART_2D, 0, pf, 1, image, w, h, 0, 0, 0, 0, 0, 0, null, null)))
                .add(ComponentSpec.of(ComponentTypeIds.RANGE, PixelFormat.COORD3D_C16,
                        PartSpec.image(PixelFormat.COORD3D_C16, w, h).withFlow(2)))
                .add(ComponentSpec.of(ComponentTypeIds.CONFIDENCE, PixelFormat.CONFIDENCE8,
                        PartSpec.image(PixelFormat.CONFIDENCE8, w, h).withFlow(2)))
                .add(ComponentSpec.of(ComponentTypeIds.METADATA, PixelFormat.DATA8,
                        PartSpec.chunkMetadata(new byte[METADATA_PATTERN + CHUNK_TAG], METADATA_LAYOUT_ID).withFlow(3)))
                .build();
        Unit[] units = new Unit[spec.flowCount()];
        long[] base = new long[units.length];
        long at = 0;
        for (int f = 0; f < units.length; f++) {
            base[f] = at;
            units[f] = new Unit(at, spec.flowSize(f), -1, 0, 0, 0, 0, 0, false);
            at += spec.flowSize(f);
        }
        GenDcPart[] parts = new GenDcPart[spec.components().size()];
        for (int c = 0; c < parts.length; c++) {
            PartSpec p = spec.components().get(c).parts().get(0);
            parts[c] = new GenDcPart(base[p.flowId()] + spec.partFlowOffset(c, 0), p.dataSize(), c + 1,
                    p.headerType() == HeaderTypes.PART_METADATA_CHUNK);
        }
        return new BlockLayout(kind, GvspPayloadType.GENDC, units, (int) spec.descriptorSize(), spec, parts);
    }

    private static void requirePattern(long size, String what) {
        if (size < TestPattern.HEADER_SIZE) {
            throw new IllegalArgumentException(what + " has " + size + " bytes; the self-checking pattern needs 16");
        }
    }
}
