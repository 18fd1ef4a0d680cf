package io.gevgate.gendc.inspect;

import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.read.ChunkCursor;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.PartView;
import io.gevgate.gendc.pfnc.PixelFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a validated container as a readable tree or as JSON (what {@code gevgate gendc inspect}
 * prints). Unsigned 64-bit fields are printed unsigned.
 */
public final class ContainerPrinter {
    private ContainerPrinter() {
    }

    /** The readable tree, one line per header (lines end with '\n'). */
    public static String text(ContainerView v) {
        StringBuilder out = new StringBuilder();
        out.append("GenDC container ").append(v.versionMajor()).append('.').append(v.versionMinor()).append('.')
                .append(v.versionSubMinor()).append(", id ").append(u(v.id())).append(", ")
                .append(v.isPreliminary() ? "PRELIMINARY descriptor (VariableFields "
                        + String.format("0x%04X", v.variableFields()) + ")" : "final descriptor").append('\n');
        out.append("  flags ").append(String.format("0x%04X", v.flags())).append(containerFlagNames(v)).append('\n');
        out.append("  descriptor ").append(v.descriptorSize()).append(" bytes, data section ")
                .append(u(v.dataSize())).append(" bytes at ").append(u(v.dataOffset())).append(", ")
                .append(v.componentCount()).append(v.componentCount() == 1 ? " component, " : " components, ")
                .append(v.partCount()).append(v.partCount() == 1 ? " part" : " parts").append('\n');
        for (int c = 0; c < v.componentCount(); c++) {
            ComponentView comp = v.component(c);
            out.append("  component ").append(c).append(": ").append(ComponentTypeIds.name(comp.typeId()))
                    .append(" (TypeId ").append(u(comp.typeId())).append("), format ")
                    .append(PixelFormat.nameOf(comp.format())).append(comp.isInvalid() ? ", INVALID" : "")
                    .append('\n');
            out.append("      group ").append(comp.groupId()).append(", source ").append(comp.sourceId())
                    .append(", region ").append(comp.regionId()).append(" at (").append(comp.regionOffsetX())
                    .append(", ").append(comp.regionOffsetY()).append("), timestamp ").append(u(comp.timestamp()))
                    .append(" ns\n");
            for (int p = 0; p < comp.partCount(); p++) {
                PartView part = comp.part(p);
                out.append("    part ").append(p).append(": ").append(HeaderTypes.name(part.headerType()))
                        .append(String.format(" (0x%04X), ", part.headerType()))
                        .append(PixelFormat.nameOf(part.format())).append(partDetails(part)).append('\n');
                out.append("        data ").append(u(part.dataSize())).append(" bytes at ")
                        .append(u(part.dataOffset())).append(", flow ").append(part.flowId()).append(" offset ")
                        .append(u(part.flowOffset())).append('\n');
                Chunks chunks = Chunks.of(v, part);
                if (chunks != null) {
                    for (long[] chunk : chunks.list) {
                        out.append(String.format("        chunk 0x%08X: %d bytes at %d%n", chunk[0], chunk[2], chunk[1]));
                    }
                    if (chunks.error != null) {
                        out.append("        chunks malformed: ").append(chunks.error).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String containerFlagNames(ContainerView v) {
        List<String> names = new ArrayList<>();
        if (v.isTimestampPtp()) {
            names.add("TimestampPTP");
        }
        if (v.hasInvalidComponents()) {
            names.add("ComponentInvalid");
        }
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static String partDetails(PartView part) {
        StringBuilder s = new StringBuilder();
        if (part.is2D()) {
            s.append(' ').append(part.sizeX()).append('x').append(part.sizeY()).append(", padding ")
                    .append(part.paddingX()).append('/').append(part.paddingY());
        }
        if (part.is1DOrMetadata()) {
            s.append(part.headerType() == HeaderTypes.PART_1D ? ", " + u(part.size()) + " elements"
                    : ", size " + u(part.size())).append(", padding ").append(part.padding());
            if (part.headerType() == HeaderTypes.PART_METADATA_CHUNK) {
                s.append(", chunk layout id ").append(u(part.infoTypeSpecific()));
            } else if (part.infoTypeSpecific() != 0) {
                s.append(", info ").append(u(part.infoTypeSpecific()));
            }
        }
        if (part.headerType() == HeaderTypes.PART_METADATA_GENICAM_XML) {
            s.append(part.isXmlZipped() ? ", zipped" : ", plain").append(part.isXmlChunk() ? ", chunk XML" : "");
        }
        if (part.isH264()) {
            s.append(", H.264 profile_idc ").append(part.h264ProfileIdc()).append(" level_idc ")
                    .append(part.h264LevelIdc()).append(" constraint flags 0x")
                    .append(Integer.toHexString(part.h264ConstraintSetFlags())).append(" packetization mode ")
                    .append(part.h264PacketizationMode());
        }
        return s.toString();
    }

    /** The container as one JSON object (no trailing newline). */
    public static String json(ContainerView v) {
        Json j = new Json();
        j.begin();
        j.field("version", v.versionMajor() + "." + v.versionMinor() + "." + v.versionSubMinor());
        j.fieldRaw("id", u(v.id()));
        j.fieldRaw("flags", Integer.toString(v.flags()));
        j.fieldRaw("timestampPtp", Boolean.toString(v.isTimestampPtp()));
        j.fieldRaw("componentInvalid", Boolean.toString(v.hasInvalidComponents()));
        j.fieldRaw("variableFields", Integer.toString(v.variableFields()));
        j.fieldRaw("preliminary", Boolean.toString(v.isPreliminary()));
        j.fieldRaw("descriptorSize", Long.toString(v.descriptorSize()));
        j.fieldRaw("dataOffset", u(v.dataOffset()));
        j.fieldRaw("dataSize", u(v.dataSize()));
        j.beginArray("components");
        for (int c = 0; c < v.componentCount(); c++) {
            ComponentView comp = v.component(c);
            j.begin();
            j.fieldRaw("index", Integer.toString(c));
            j.fieldRaw("typeId", u(comp.typeId()));
            j.field("type", ComponentTypeIds.name(comp.typeId()));
            j.field("format", PixelFormat.nameOf(comp.format()));
            j.fieldRaw("formatCode", Integer.toUnsignedString(comp.format()));
            j.fieldRaw("invalid", Boolean.toString(comp.isInvalid()));
            j.fieldRaw("groupId", Integer.toString(comp.groupId()));
            j.fieldRaw("sourceId", Integer.toString(comp.sourceId()));
            j.fieldRaw("regionId", Integer.toString(comp.regionId()));
            j.fieldRaw("regionOffsetX", Long.toString(comp.regionOffsetX()));
            j.fieldRaw("regionOffsetY", Long.toString(comp.regionOffsetY()));
            j.fieldRaw("timestamp", u(comp.timestamp()));
            j.beginArray("parts");
            for (int p = 0; p < comp.partCount(); p++) {
                PartView part = comp.part(p);
                j.begin();
                j.fieldRaw("index", Integer.toString(p));
                j.fieldRaw("headerType", Integer.toString(part.headerType()));
                j.field("type", HeaderTypes.name(part.headerType()));
                j.field("format", PixelFormat.nameOf(part.format()));
                j.fieldRaw("formatCode", Integer.toUnsignedString(part.format()));
                j.fieldRaw("flags", Integer.toString(part.flags()));
                j.fieldRaw("flowId", Integer.toString(part.flowId()));
                j.fieldRaw("flowOffset", u(part.flowOffset()));
                j.fieldRaw("dataOffset", u(part.dataOffset()));
                j.fieldRaw("dataSize", u(part.dataSize()));
                if (part.is2D()) {
                    j.fieldRaw("sizeX", Long.toString(part.sizeX()));
                    j.fieldRaw("sizeY", Long.toString(part.sizeY()));
                    j.fieldRaw("paddingX", Integer.toString(part.paddingX()));
                    j.fieldRaw("paddingY", Integer.toString(part.paddingY()));
                }
                if (part.is1DOrMetadata()) {
                    j.fieldRaw("size", u(part.size()));
                    j.fieldRaw("padding", Integer.toString(part.padding()));
                    j.fieldRaw("infoTypeSpecific", u(part.infoTypeSpecific()));
                }
                Chunks chunks = Chunks.of(v, part);
                if (chunks != null) {
                    j.beginArray("chunks");
                    for (long[] chunk : chunks.list) {
                        j.begin();
                        j.fieldRaw("id", Long.toString(chunk[0]));
                        j.fieldRaw("offset", Long.toString(chunk[1]));
                        j.fieldRaw("length", Long.toString(chunk[2]));
                        j.end();
                    }
                    j.endArray();
                    if (chunks.error != null) {
                        j.field("chunkError", chunks.error);
                    }
                }
                if (part.isH264()) {
                    j.fieldRaw("h264ProfileIdc", Integer.toString(part.h264ProfileIdc()));
                    j.fieldRaw("h264ConstraintSetFlags", Integer.toString(part.h264ConstraintSetFlags()));
                    j.fieldRaw("h264PacketizationMode", Integer.toString(part.h264PacketizationMode()));
                    j.fieldRaw("h264LevelIdc", Integer.toString(part.h264LevelIdc()));
                    j.fieldRaw("h264SpropInterleavingDepth", Integer.toString(part.h264SpropInterleavingDepth()));
                    j.fieldRaw("h264SpropMaxDonDiff", Integer.toString(part.h264SpropMaxDonDiff()));
                    j.fieldRaw("h264SpropDeintBufReq", Long.toString(part.h264SpropDeintBufReq()));
                    j.fieldRaw("h264SpropInitBufTime", Long.toString(part.h264SpropInitBufTime()));
                }
                j.end();
            }
            j.endArray();
            j.end();
        }
        j.endArray();
        j.end();
        return j.toString();
    }

    /** The chunks of a chunk-metadata part in data order (id, offset, length), or null for other parts. */
    private record Chunks(List<long[]> list, String error) {
        static Chunks of(ContainerView v, PartView part) {
            if (part.headerType() != HeaderTypes.PART_METADATA_CHUNK || !v.isLinear()) {
                return null;
            }
            List<long[]> list = new ArrayList<>();
            ChunkCursor cursor = new ChunkCursor().wrap(part.data());
            try {
                while (cursor.next()) {
                    list.add(0, new long[] {cursor.chunkId(), cursor.offset(), cursor.length()});
                }
                return new Chunks(list, null);
            } catch (GenDcFormatException e) {
                return new Chunks(list, e.getMessage());
            }
        }
    }

    private static String u(long value) {
        return Long.toUnsignedString(value);
    }

    /** Just enough JSON writing for this printer: objects, arrays, strings, raw numbers/booleans. */
    private static final class Json {
        private final StringBuilder out = new StringBuilder();
        private boolean needComma;

        void begin() {
            comma();
            out.append('{');
            needComma = false;
        }

        void end() {
            out.append('}');
            needComma = true;
        }

        void beginArray(String name) {
            key(name);
            out.append('[');
            needComma = false;
        }

        void endArray() {
            out.append(']');
            needComma = true;
        }

        void field(String name, String value) {
            key(name);
            quote(value);
            needComma = true;
        }

        void fieldRaw(String name, String value) {
            key(name);
            out.append(value);
            needComma = true;
        }

        private void key(String name) {
            comma();
            quote(name);
            out.append(':');
        }

        private void comma() {
            if (needComma) {
                out.append(',');
            }
        }

        private void quote(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (ch < 0x20) {
                            out.append(String.format("\\u%04x", (int) ch));
                        } else {
                            out.append(ch);
                        }
                    }
                }
            }
            out.append('"');
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
