package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.gendc.layout.FlowTable;
import io.gevgate.gendc.read.FlowTableView;

import java.nio.ByteBuffer;

/**
 * Stream channel 0's GigE Vision 2.2 extended bootstrap block (gige-anchors.md §1.8): when the
 * stream channels capability (0x092C) has bit 0x10000000, SCEBA0 (0x0D3C) holds the address of
 * four big-endian words: GenDC descriptor address, descriptor size, GenDC flow mapping table
 * address, table size. Used when the camera's XML has no GenDCFlowMappingTable feature.
 *
 * @param tableAddress where the flow mapping table was read from
 * @param table        the table bytes (validated by the caller)
 * @param descriptor   the prefetch descriptor bytes, or null when the device gives none
 */
record ExtendedBootstrap(int tableAddress, byte[] table, byte[] descriptor) {
    private static final System.Logger LOG = System.getLogger(ExtendedBootstrap.class.getName());
    /** The largest legal flow table: 65536 flows. */
    static final long MAX_TABLE_BYTES = FlowTable.size(FlowTableView.MAX_FLOWS);
    /** A descriptor beyond this is not read (a prefetch descriptor is informational only). */
    static final long MAX_DESCRIPTOR_BYTES = 1 << 20;

    /**
     * Reads the block; null when the device has none (capability bit clear, SCEBA0 = 0, table
     * address or size 0).
     *
     * @throws IllegalStateException when the block names a table size no flow table can have
     */
    static ExtendedBootstrap read(GvcpClient client) {
        int base;
        try {
            if ((client.readRegister(BootstrapRegisters.STREAM_CHANNELS_CAPABILITY)
                    & BootstrapRegisters.STREAM_CHANNELS_CAPS_EXTENDED_BOOTSTRAP) == 0) {
                return null;
            }
            base = client.readRegister(BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_EXTENDED_BOOTSTRAP_ADDRESS));
        } catch (GvcpException e) {
            LOG.log(System.Logger.Level.DEBUG, "no extended bootstrap block: " + e.getMessage());
            return null;
        }
        if (base == 0) {
            return null;
        }
        ByteBuffer block = ByteBuffer.wrap(client.readMemory(base, 16)); // big-endian, like every bootstrap register
        int descriptorAddress = block.getInt(0);
        long descriptorSize = Integer.toUnsignedLong(block.getInt(4));
        int tableAddress = block.getInt(8);
        long tableSize = Integer.toUnsignedLong(block.getInt(12));
        if (tableAddress == 0 || tableSize == 0) {
            return null;
        }
        if (tableSize < FlowTable.FIXED_SIZE || tableSize > MAX_TABLE_BYTES) {
            throw new IllegalStateException(String.format("SCEBA0 block at 0x%08X: flow mapping table size %d, expected %d..%d",
                    base, tableSize, FlowTable.FIXED_SIZE, MAX_TABLE_BYTES));
        }
        byte[] table = client.readMemory(tableAddress, (int) tableSize);
        byte[] descriptor = null;
        if (descriptorAddress != 0 && descriptorSize > 0) {
            if (descriptorSize <= MAX_DESCRIPTOR_BYTES) {
                descriptor = client.readMemory(descriptorAddress, (int) descriptorSize);
            } else {
                LOG.log(System.Logger.Level.WARNING, String.format(
                        "SCEBA0 block at 0x%08X: descriptor size %d exceeds %d bytes, not read", base, descriptorSize,
                        MAX_DESCRIPTOR_BYTES));
            }
        }
        return new ExtendedBootstrap(tableAddress, table, descriptor);
    }
}
