package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.HeaderTypes.PartCategory;
import java.lang.foreign.MemorySegment;

/** Reads every field and every data slice a validated container offers; returns a checksum. */
final class Exercise {
    private Exercise() {
    }

    static long all(ContainerView v, MemorySegment[] flows) throws GenDcFormatException {
        long sum = v.id() + v.flags() + v.variableFields() + v.dataOffset() + v.dataSize() + v.descriptorSize()
                + v.headerSize() + v.versionMajor() + v.versionMinor() + v.versionSubMinor() + v.partCount();
        for (int c = 0; c < v.componentCount(); c++) {
            ComponentView comp = v.component(c);
            sum += comp.flags() + comp.headerSize() + comp.groupId() + comp.sourceId() + comp.regionId()
                    + comp.regionOffsetX() + comp.regionOffsetY() + comp.timestamp() + comp.typeId() + comp.format();
            for (int p = 0; p < comp.partCount(); p++) {
                PartView part = comp.part(p);
                sum += part.headerType() + part.flags() + part.headerSize() + part.format() + part.flowId()
                        + part.flowOffset() + part.dataSize() + part.dataOffset();
                for (int k = 0; k < part.typeSpecificWordCount(); k++) {
                    sum += part.typeSpecificWord(k);
                }
                if (part.is2D()) {
                    sum += part.sizeX() + part.sizeY() + part.paddingX() + part.paddingY() + part.infoReserved();
                }
                if (part.is1DOrMetadata()) {
                    sum += part.size() + part.padding() + part.infoTypeSpecific() + part.infoReserved();
                }
                if (part.isH264()) {
                    sum += part.h264ProfileIdc() + part.h264Flags() + part.h264LevelIdc()
                            + part.h264PacketizationMode() + part.h264SpropDeintBufReq()
                            + part.h264SpropInitBufTime() + part.h264SpropInterleavingDepth()
                            + part.h264SpropMaxDonDiff();
                }
                if (part.category() == PartCategory.CUSTOM_CATEGORY) {
                    sum += part.typeSpecificWordCount();
                }
                if (v.isLinear()) {
                    sum += part.data().byteSize();
                } else if (flows != null) {
                    sum += part.data(flows).byteSize();
                }
            }
        }
        return sum;
    }
}
