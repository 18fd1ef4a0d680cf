package io.gevgate.simulator;

import static io.gevgate.acquisition.gvcp.BootstrapRegisters.*;
import static io.gevgate.simulator.registers.FeatureRegisters.*;

import io.gevgate.acquisition.gvcp.codec.GvcpStatus;
import io.gevgate.simulator.registers.Access;
import io.gevgate.simulator.registers.RegisterAccessException;
import io.gevgate.simulator.registers.RegisterSpace;
import io.gevgate.simulator.registers.RegisterValidator;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** Builds the simulated camera's register space: the bootstrap map and the feature registers. */
final class DeviceRegisterMap {
    static final int SPEC_VERSION = 0x0002_0000; // GigE Vision 2.0
    static final int SENSOR_W = 4096; // DCI 4K: UHD (3840x2160) fits, for 4K benchmarks
    static final int SENSOR_H = 2160;
    static final int PENDING_TIMEOUT_MS = 100;
    /** SCCx / SCCFGx bit 0x80: GenDC (capability / enable). */
    static final int SCCFG_GENDC = 0x80;

    private DeviceRegisterMap() {
    }

    static RegisterSpace build(SimulatorConfig cfg, String firstUrl, byte[] xmlStored, IntSupplier gvcpCapability) {
        RegisterSpace r = new RegisterSpace();
        int ip = ipv4(cfg.address().getAddress());
        // 0x0000–0x0047: every word defined (reserved words read 0) so DISCOVERY can mirror it.
        for (int a = 0; a < MANUFACTURER_NAME; a += 4) {
            r.define(a, "reserved", Access.RO, 0);
        }
        r.define(VERSION, "Version", Access.RO, SPEC_VERSION);
        r.define(DEVICE_MODE, "DeviceMode", Access.RO, 0x8000_0001); // big-endian, transmitter, UTF-8
        r.define(MAC_HIGH, "MacHigh", Access.RO, (int) (cfg.mac() >>> 32) & 0xFFFF);
        r.define(MAC_LOW, "MacLow", Access.RO, (int) cfg.mac());
        r.define(SUPPORTED_IP_CONFIG, "SupportedIpConfig", Access.RO, 0x1); // persistent (static) only
        r.define(CURRENT_IP_CONFIG, "CurrentIpConfig", Access.RW, 0x1, RegisterValidator.oneOf(0x1));
        r.define(CURRENT_IP, "CurrentIp", Access.RO, ip);
        r.define(CURRENT_SUBNET_MASK, "CurrentSubnetMask", Access.RO, 0xFF00_0000);
        r.define(CURRENT_GATEWAY, "CurrentGateway", Access.RO, 0);
        r.defineArea(MANUFACTURER_NAME, "ManufacturerName", Access.RO, ascii("gevgate"), 32);
        r.defineArea(MODEL_NAME, "ModelName", Access.RO, ascii("GevgateSim"), 32);
        r.defineArea(DEVICE_VERSION, "DeviceVersion", Access.RO, ascii("gevgate-sim 0.1"), 32);
        r.defineArea(MANUFACTURER_INFO, "ManufacturerInfo", Access.RO, ascii("simulated GigE Vision camera"), 48);
        r.defineArea(SERIAL_NUMBER, "SerialNumber", Access.RO, ascii(cfg.serialNumber()), 16);
        r.defineArea(USER_DEFINED_NAME, "UserDefinedName", Access.RW, ascii(cfg.userName()), 16);
        r.defineArea(FIRST_URL, "FirstURL", Access.RO, ascii(firstUrl), URL_LENGTH);
        r.defineArea(SECOND_URL, "SecondURL", Access.RO, new byte[0], URL_LENGTH);
        r.define(NUMBER_OF_NETWORK_INTERFACES, "NumberOfNetworkInterfaces", Access.RO, 1);
        r.define(PERSISTENT_IP, "PersistentIp", Access.RW, ip);
        r.define(PERSISTENT_SUBNET_MASK, "PersistentSubnetMask", Access.RW, 0xFF00_0000);
        r.define(PERSISTENT_GATEWAY, "PersistentGateway", Access.RW, 0);
        r.define(LINK_SPEED, "LinkSpeed", Access.RO, 1000);
        r.define(NUMBER_OF_MESSAGE_CHANNELS, "NumberOfMessageChannels", Access.RO, 1);
        r.define(NUMBER_OF_STREAM_CHANNELS, "NumberOfStreamChannels", Access.RO, 1);
        r.define(NUMBER_OF_ACTION_SIGNALS, "NumberOfActionSignals", Access.RO, 1);
        r.define(ACTION_DEVICE_KEY, "ActionDeviceKey", Access.RW, 0);
        // SCSPx, 16-bit block ids, SCEBAx (extended bootstrap: where the GenDC descriptor and flow table are)
        r.define(STREAM_CHANNELS_CAPABILITY, "StreamChannelsCapability", Access.RO,
                0xC000_0000 | STREAM_CHANNELS_CAPS_EXTENDED_BOOTSTRAP);
        r.define(MESSAGE_CHANNEL_CAPABILITY, "MessageChannelCapability", Access.RO, 0x8000_0000); // MCSP
        r.defineComputed(GVCP_CAPABILITY, "GvcpCapability", gvcpCapability);
        r.define(HEARTBEAT_TIMEOUT, "HeartbeatTimeout", Access.RW, cfg.heartbeatTimeoutMs(),
                RegisterValidator.range(100, 600_000, 1));
        r.define(TIMESTAMP_TICK_FREQUENCY_HIGH, "TimestampTickFrequencyHigh", Access.RO, 0);
        r.define(TIMESTAMP_TICK_FREQUENCY_LOW, "TimestampTickFrequencyLow", Access.RO, 1_000_000_000);
        r.define(TIMESTAMP_CONTROL, "TimestampControl", Access.COMMAND, 0, RegisterValidator.range(0, 3, 1));
        r.define(TIMESTAMP_VALUE_HIGH, "TimestampValueHigh", Access.RO, 0);
        r.define(TIMESTAMP_VALUE_LOW, "TimestampValueLow", Access.RO, 0);
        r.define(GVCP_CONFIGURATION, "GvcpConfiguration", Access.RW, 0,
                RegisterValidator.oneOf(0, GVCP_CONFIG_HEARTBEAT_DISABLE, GVCP_CONFIG_PENDING_ACK_ENABLE,
                        GVCP_CONFIG_HEARTBEAT_DISABLE | GVCP_CONFIG_PENDING_ACK_ENABLE));
        r.define(PENDING_TIMEOUT, "PendingTimeout", Access.RO, PENDING_TIMEOUT_MS);
        r.define(CONTROL_SWITCHOVER_KEY, "ControlSwitchoverKey", Access.RW, 0);
        r.define(GVSP_CONFIGURATION, "GvspConfiguration", Access.RW, 0, RegisterValidator.oneOf(0, GVSP_CONFIG_EXTENDED_ID));
        r.define(CCP, "CCP", Access.RO, 0); // written only through the CCP state machine
        r.define(PRIMARY_APPLICATION_PORT, "PrimaryApplicationPort", Access.RO, 0);
        r.define(PRIMARY_APPLICATION_IP, "PrimaryApplicationIp", Access.RO, 0);
        r.define(MCP, "MCP", Access.RW, 0);
        r.define(MCDA, "MCDA", Access.RW, 0);
        r.define(MCTT, "MCTT", Access.RW, 300);
        r.define(MCRC, "MCRC", Access.RW, 2);
        r.define(MCSP, "MCSP", Access.RO, cfg.port());
        r.define(ACTION_GROUP_KEY_BASE, "ActionGroupKey0", Access.RW, 0);
        r.define(ACTION_GROUP_MASK_BASE, "ActionGroupMask0", Access.RW, 0);
        defineStreamChannel(r, 0);
        defineFeatures(r);
        r.defineArea(XML_BASE, "GenICamXml", Access.RO, xmlStored, xmlStored.length);
        r.defineArea(GENDC_DESCRIPTOR, "GenDCDescriptor", Access.RO, new byte[0], GENDC_DESCRIPTOR_LENGTH);
        r.defineArea(GENDC_FLOW_TABLE, "GenDCFlowMappingTable", Access.RO, new byte[0], GENDC_FLOW_TABLE_LENGTH);
        r.define(GENDC_EXTENDED_BOOTSTRAP, "GenDCDescriptorAddress", Access.RO, GENDC_DESCRIPTOR);
        r.define(GENDC_EB_DESCRIPTOR_SIZE, "GenDCDescriptorSize", Access.RO, 0);
        r.define(GENDC_EXTENDED_BOOTSTRAP + 0x8, "GenDCFlowTableAddress", Access.RO, GENDC_FLOW_TABLE);
        r.define(GENDC_EB_FLOW_TABLE_SIZE, "GenDCFlowTableSize", Access.RO, 0);
        return r;
    }

    private static void defineStreamChannel(RegisterSpace r, int n) {
        r.define(streamChannel(n, SC_PORT), "SCP" + n, Access.RW, 0,
                (a, v) -> require((v & 0x7FF0_0000) == 0 && ((v >>> 16) & 0xF) == 0, a, "SCP: only NIC 0 and a port"));
        r.define(streamChannel(n, SC_PACKET_SIZE), "SCPS" + n, Access.RW, 1400, (a, v) -> {
            int size = v & 0xFFFF;
            require(size >= 576 && size <= 9000 && size % 4 == 0, a, "packet size 576..9000 step 4, got " + size);
        });
        r.define(streamChannel(n, SC_PACKET_DELAY), "SCPD" + n, Access.RW, 0);
        r.define(streamChannel(n, SC_DESTINATION_ADDRESS), "SCDA" + n, Access.RW, 0);
        r.define(streamChannel(n, SC_SOURCE_PORT), "SCSP" + n, Access.RO, 0);
        // No multipart/GenDC/extended chunk until an emitter that implements them sets these bits.
        r.define(streamChannel(n, SC_CAPABILITY), "SCC" + n, Access.RO, 0);
        r.define(streamChannel(n, SC_CONFIGURATION), "SCCFG" + n, Access.RW, 0);
        r.define(streamChannel(n, SC_EXTENDED_BOOTSTRAP_ADDRESS), "SCEBA" + n, Access.RO, GENDC_EXTENDED_BOOTSTRAP);
    }

    private static void defineFeatures(RegisterSpace r) {
        r.define(SENSOR_WIDTH, "SensorWidth", Access.RO, SENSOR_W);
        r.define(SENSOR_HEIGHT, "SensorHeight", Access.RO, SENSOR_H);
        r.define(WIDTH, "Width", Access.RW, 640, (a, v) -> {
            RegisterValidator.range(16, SENSOR_W, 4).check(a, v);
            require(v + r.value(OFFSET_X) <= SENSOR_W, a, "Width + OffsetX beyond the sensor");
        });
        r.define(HEIGHT, "Height", Access.RW, 480, (a, v) -> {
            RegisterValidator.range(16, SENSOR_H, 2).check(a, v);
            require(v + r.value(OFFSET_Y) <= SENSOR_H, a, "Height + OffsetY beyond the sensor");
        });
        r.define(OFFSET_X, "OffsetX", Access.RW, 0, (a, v) -> {
            RegisterValidator.range(0, SENSOR_W - 16, 4).check(a, v);
            require(v + r.value(WIDTH) <= SENSOR_W, a, "OffsetX + Width beyond the sensor");
        });
        r.define(OFFSET_Y, "OffsetY", Access.RW, 0, (a, v) -> {
            RegisterValidator.range(0, SENSOR_H - 16, 2).check(a, v);
            require(v + r.value(HEIGHT) <= SENSOR_H, a, "OffsetY + Height beyond the sensor");
        });
        r.defineComputed(WIDTH_MAX, "WidthMax", () -> SENSOR_W - r.value(OFFSET_X));
        r.defineComputed(HEIGHT_MAX, "HeightMax", () -> SENSOR_H - r.value(OFFSET_Y));
        r.define(PIXEL_FORMAT, "PixelFormat", Access.RW, PFNC_MONO8, RegisterValidator.oneOf(PFNC_MONO8, PFNC_MONO10,
                PFNC_MONO12, PFNC_MONO16, PFNC_BAYER_RG8, PFNC_RGB8, PFNC_YUV422_8));
        r.defineComputed(PAYLOAD_SIZE, "PayloadSize",
                () -> (int) ((long) r.value(WIDTH) * r.value(HEIGHT) * bitsPerPixel(r.value(PIXEL_FORMAT)) / 8));
        r.define(ACQUISITION_MODE, "AcquisitionMode", Access.RW, 0, RegisterValidator.oneOf(0, 1, 2));
        r.define(ACQUISITION_START, "AcquisitionStart", Access.COMMAND, 0, RegisterValidator.oneOf(1));
        r.define(ACQUISITION_STOP, "AcquisitionStop", Access.COMMAND, 0, RegisterValidator.oneOf(1));
        r.define(ACQUISITION_STATUS, "AcquisitionStatus", Access.RO, 0);
        r.define(ACQUISITION_FRAME_COUNT, "AcquisitionFrameCount", Access.RW, 1, RegisterValidator.range(1, 65535, 1));
        r.define(ACQUISITION_FRAME_RATE, "AcquisitionFrameRate", Access.RW, Float.floatToIntBits(30f),
                RegisterValidator.floatRange(1f, 1000f));
        r.define(EXPOSURE_TIME, "ExposureTime", Access.RW, Float.floatToIntBits(10_000f),
                RegisterValidator.floatRange(10f, 1_000_000f));
        r.define(GAIN, "Gain", Access.RW, Float.floatToIntBits(0f), RegisterValidator.floatRange(0f, 24f));
        r.define(TRIGGER_SELECTOR, "TriggerSelector", Access.RW, 0, RegisterValidator.oneOf(0));
        r.define(TRIGGER_MODE, "TriggerMode", Access.RW, 0, RegisterValidator.oneOf(0, 1));
        r.define(TRIGGER_SOURCE, "TriggerSource", Access.RW, 0, RegisterValidator.oneOf(0, 1));
        r.define(TRIGGER_SOFTWARE, "TriggerSoftware", Access.COMMAND, 0, RegisterValidator.oneOf(1));
        r.define(CHUNK_MODE_ACTIVE, "ChunkModeActive", Access.RW, 0, RegisterValidator.oneOf(0, 1));
        r.define(CHUNK_SELECTOR, "ChunkSelector", Access.RW, 0, RegisterValidator.range(0, CHUNK_COUNT - 1, 1));
        for (int i = 0; i < CHUNK_COUNT; i++) {
            r.define(CHUNK_ENABLE_BASE + 4 * i, "ChunkEnable" + i, Access.RW, 0, RegisterValidator.oneOf(0, 1));
        }
        r.define(GENDC_STREAMING_MODE, "GenDCStreamingMode", Access.RW, 0, RegisterValidator.oneOf(0, 1));
        // On only while GenDC is what would be sent: asked for, offered by stream channel 0
        // (an attached GenDC emitter sets SCC0 bit 0x80) and extended ids on (GVSP GenDC needs them)
        r.defineComputed(GENDC_STREAMING_STATUS, "GenDCStreamingStatus", () -> genDcInEffect(r) ? 1 : 0);
        // GenDCStreamingMode (SFNC) and SCCFG0 bit 0x80 (GigE Vision) are one switch: either writes both
        r.addListener(GENDC_STREAMING_MODE, (a, o, v) -> {
            int cfg = r.value(streamChannel(0, SC_CONFIGURATION));
            int want = v == 1 ? cfg | SCCFG_GENDC : cfg & ~SCCFG_GENDC;
            if (want != cfg) {
                r.set(streamChannel(0, SC_CONFIGURATION), want);
            }
        });
        r.addListener(streamChannel(0, SC_CONFIGURATION), (a, o, v) -> {
            int mode = (v & SCCFG_GENDC) != 0 ? 1 : 0;
            if (r.value(GENDC_STREAMING_MODE) != mode) {
                r.set(GENDC_STREAMING_MODE, mode);
            }
        });
        r.define(COMPONENT_SELECTOR, "ComponentSelector", Access.RW, 0, RegisterValidator.oneOf(0));
        r.define(COMPONENT_ENABLE, "ComponentEnable", Access.RW, 1, RegisterValidator.oneOf(0, 1));
        r.define(COMPONENT_ID_VALUE, "ComponentIDValue", Access.RO, 1); // Intensity
        r.define(TL_PARAMS_LOCKED, "TLParamsLocked", Access.RW, 0, RegisterValidator.oneOf(0, 1));
        r.define(TEST_REGISTER, "TestRegister", Access.RW, 0x12345678);
    }

    /** GenDC is streamed when SCC0 offers it, SCCFG0 enables it and extended ids are on. */
    static boolean genDcInEffect(RegisterSpace r) {
        return (r.value(streamChannel(0, SC_CAPABILITY)) & SCCFG_GENDC) != 0
                && (r.value(streamChannel(0, SC_CONFIGURATION)) & SCCFG_GENDC) != 0
                && (r.value(GVSP_CONFIGURATION) & GVSP_CONFIG_EXTENDED_ID) != 0;
    }

    private static void require(boolean ok, int address, String what) {
        if (!ok) {
            throw new RegisterAccessException(GvcpStatus.INVALID_PARAMETER, String.format("0x%08X: %s", address, what));
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static int ipv4(byte[] b) {
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
