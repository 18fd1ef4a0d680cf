package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.StreamChannelRegisters;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.FlowTableView;

import java.lang.foreign.MemorySegment;

/**
 * GenDC streaming on stream channel 0: switching it on or off and reading back how the device
 * will split each container into flows, so the receiver can place every flow.
 *
 * <p>Sources, SFNC first (TransportLayerControl, SFNC 2.7): {@code GenDCStreamingMode} (Off/On),
 * {@code GenDCStreamingStatus} (whether GenDC is in effect), {@code GenDCFlowMappingTable}
 * (IRegister, GenDC flow mapping table type 0x7000) and {@code GenDCDescriptor} (IRegister, the
 * prefetch descriptor). A device without those features is driven through the GigE Vision stream
 * channel registers: SCC0 bit 0x80 (GenDC supported), SCCFG0 bit 0x80 (GenDC enabled), and the
 * flow table and descriptor are found through SCEBA0 ({@link ExtendedBootstrap}); without any
 * flow table the receiver takes each destination offset from the container start (single flow).
 */
final class GenDcStreamSetup {
    private static final System.Logger LOG = System.getLogger(GenDcStreamSetup.class.getName());
    static final int SCC_GENDC = 0x80;

    /** What the device will stream: flow sizes from its table (null = none), prefetch descriptor. */
    record Result(boolean active, long[] flowSizes, MemorySegment flowTable, MemorySegment prefetchDescriptor) {
        static final Result OFF = new Result(false, null, null, null);

        long flowBytes() {
            long sum = 0;
            if (flowSizes != null) {
                for (long s : flowSizes) {
                    sum = Math.addExact(sum, s);
                }
            }
            return sum;
        }
    }

    private GenDcStreamSetup() {
    }

    /**
     * Switches GenDC streaming on or off: GenDCStreamingMode when the device has it, else SCCFG0
     * bit 0x80 (checked against SCC0).
     *
     * @throws IllegalStateException when GenDC is asked for and the device cannot stream it
     */
    static void select(Features features, StreamChannelRegisters sc, boolean on, boolean extendedIds) {
        if (on && !extendedIds) {
            throw new IllegalStateException("GenDC streaming needs extended ids (GVSP GenDC packets use the EI header), "
                    + "and the device did not enable them");
        }
        if (features.has("GenDCStreamingMode")) {
            features.setEnum("GenDCStreamingMode", on ? "On" : "Off");
            return;
        }
        int scc = sc.capability();
        if (on && (scc & SCC_GENDC) == 0) {
            throw new IllegalStateException("the camera offers no GenDC streaming: no GenDCStreamingMode feature and "
                    + String.format("SCC0 = 0x%08X lacks bit 0x80", scc));
        }
        if ((scc & SCC_GENDC) != 0) {
            int cfg = sc.configuration();
            sc.configuration(on ? cfg | SCC_GENDC : cfg & ~SCC_GENDC);
        }
    }

    /**
     * Reads whether GenDC is in effect and, if so, the flow mapping table (validated) and the
     * prefetch descriptor (checked against the table; a bad one is only logged: the frames carry
     * their own descriptors and those are validated one by one).
     *
     * @throws IllegalStateException when the device's flow mapping table is malformed (cause: the
     *                               {@link GenDcFormatException} naming the field)
     */
    static Result read(Features features, StreamChannelRegisters sc, GvcpClient client) {
        if (!active(features, sc)) {
            return Result.OFF;
        }
        byte[] tableBytes;
        byte[] descriptorBytes;
        String source;
        if (features.has("GenDCFlowMappingTable")) {
            source = "GenDCFlowMappingTable";
            tableBytes = features.getRegister("GenDCFlowMappingTable");
            descriptorBytes = features.has("GenDCDescriptor") ? features.getRegister("GenDCDescriptor") : null;
        } else {
            ExtendedBootstrap eb = ExtendedBootstrap.read(client);
            if (eb == null) {
                return new Result(true, null, null, null); // single flow: destination offsets from the container start
            }
            source = String.format("the flow mapping table at 0x%08X (SCEBA0)", eb.tableAddress());
            tableBytes = eb.table();
            descriptorBytes = eb.descriptor();
        }
        MemorySegment table = MemorySegment.ofArray(tableBytes);
        FlowTableView view = new FlowTableView();
        try {
            view.wrap(table);
        } catch (GenDcFormatException e) {
            throw new IllegalStateException("the camera's " + source + " is malformed: " + e.getMessage(), e);
        }
        long[] sizes = new long[view.flowCount()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = view.flowSize(i);
        }
        MemorySegment prefetch = null;
        if (descriptorBytes != null) {
            MemorySegment d = MemorySegment.ofArray(descriptorBytes);
            try {
                new ContainerView().wrapDescriptor(d, view);
                prefetch = d;
            } catch (GenDcFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "the camera's GenDCDescriptor does not fit its flow mapping table: "
                        + e.getMessage());
            }
        }
        return new Result(true, sizes, table.asSlice(0, view.headerSize()), prefetch);
    }

    private static boolean active(Features features, StreamChannelRegisters sc) {
        if (features.has("GenDCStreamingStatus")) {
            try {
                return "On".equals(features.getEnum("GenDCStreamingStatus"));
            } catch (GenApiException e) {
                LOG.log(System.Logger.Level.DEBUG, "GenDCStreamingStatus unreadable, using SCCFG0: " + e.getMessage());
            }
        }
        return (sc.capability() & SCC_GENDC) != 0 && (sc.configuration() & SCC_GENDC) != 0;
    }
}
