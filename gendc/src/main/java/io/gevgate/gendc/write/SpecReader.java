package io.gevgate.gendc.write;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.HeaderTypes.PartCategory;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.PartView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed container back into {@link ComponentSpec}s (header fields and copied part data),
 * e.g. to re-send a recorded container from a simulator, or to compare a container with the spec
 * it was written from. Allocates: not for hot paths.
 */
public final class SpecReader {
    private SpecReader() {
    }

    /**
     * Components of {@code view}; part data is copied from the linear container, or from
     * {@code flows} (FlowId/FlowOffset) when that is non-null, or left null when neither is at hand.
     *
     * @throws GenDcFormatException     when a part's data is not inside the flows given
     * @throws IllegalArgumentException for what a valid container may hold but the builder cannot
     *         write: a custom-category part (0x4Fxx), or a 1D/metadata Size of 2^63 or more
     */
    public static List<ComponentSpec> components(ContainerView view, MemorySegment[] flows)
            throws GenDcFormatException {
        List<ComponentSpec> out = new ArrayList<>(view.componentCount());
        ComponentView component = new ComponentView();
        PartView part = new PartView();
        for (int c = 0; c < view.componentCount(); c++) {
            view.component(c, component);
            List<PartSpec> parts = new ArrayList<>(component.partCount());
            for (int p = 0; p < component.partCount(); p++) {
                component.part(p, part);
                byte[] content = null;
                if (flows != null) {
                    content = part.data(flows).toArray(ValueLayout.JAVA_BYTE);
                } else if (view.isLinear()) {
                    content = part.data().toArray(ValueLayout.JAVA_BYTE);
                }
                parts.add(partSpec(part, content));
            }
            out.add(new ComponentSpec(component.typeId(), component.format(), component.isInvalid(),
                    component.groupId(), component.sourceId(), component.regionId(), component.regionOffsetX(),
                    component.regionOffsetY(), component.timestamp(), parts));
        }
        return out;
    }

    private static PartSpec partSpec(PartView part, byte[] content) {
        boolean is2D = part.is2D();
        H264Parameters h264 = part.isH264()
                ? new H264Parameters(part.h264ProfileIdc(), part.h264ConstraintSetFlags(),
                        part.h264PacketizationMode(), part.h264LevelIdc(), part.h264SpropInterleavingDepth(),
                        part.h264SpropMaxDonDiff(), part.h264SpropDeintBufReq(), part.h264SpropInitBufTime())
                : null;
        boolean custom = part.category() == PartCategory.CUSTOM_CATEGORY;
        return new PartSpec(part.headerType(), part.flags(), part.format(), part.flowId(), part.dataSize(),
                is2D ? part.sizeX() : 0, is2D ? part.sizeY() : 0, is2D ? part.paddingX() : 0,
                is2D ? part.paddingY() : 0,
                is2D || custom ? 0 : part.size(), is2D || custom ? 0 : part.padding(),
                is2D || custom ? 0 : part.infoTypeSpecific(), custom ? 0 : part.infoReserved(), h264, content);
    }
}
