package io.gevgate.simulator.registers;

/**
 * Addresses of the simulated camera's feature registers (the GenICam XML maps its features onto
 * them). Public so that other simulator components (the GVSP emitter) read Width, PixelFormat, … and
 * hook AcquisitionStart/Stop. Floats are IEEE-754 float32, big-endian.
 */
public final class FeatureRegisters {
    public static final int BASE = 0x0001_0000;

    public static final int WIDTH = BASE;
    public static final int HEIGHT = BASE + 0x04;
    public static final int OFFSET_X = BASE + 0x08;
    public static final int OFFSET_Y = BASE + 0x0C;
    public static final int PIXEL_FORMAT = BASE + 0x10;
    public static final int SENSOR_WIDTH = BASE + 0x14;
    public static final int SENSOR_HEIGHT = BASE + 0x18;
    public static final int WIDTH_MAX = BASE + 0x1C;
    public static final int HEIGHT_MAX = BASE + 0x20;
    public static final int PAYLOAD_SIZE = BASE + 0x24;
    public static final int ACQUISITION_MODE = BASE + 0x30;
    /** Command register: write 1 to start; a listener on it starts the emitter. */
    public static final int ACQUISITION_START = BASE + 0x34;
    /** Command register: write 1 to stop. */
    public static final int ACQUISITION_STOP = BASE + 0x38;
    /** 1 while acquisition runs (set by the device on start/stop). */
    public static final int ACQUISITION_STATUS = BASE + 0x3C;
    public static final int ACQUISITION_FRAME_COUNT = BASE + 0x40;
    public static final int ACQUISITION_FRAME_RATE = BASE + 0x44;
    public static final int EXPOSURE_TIME = BASE + 0x48;
    public static final int GAIN = BASE + 0x4C;
    public static final int TRIGGER_SELECTOR = BASE + 0x50;
    public static final int TRIGGER_MODE = BASE + 0x54;
    public static final int TRIGGER_SOURCE = BASE + 0x58;
    public static final int TRIGGER_SOFTWARE = BASE + 0x5C;
    public static final int CHUNK_MODE_ACTIVE = BASE + 0x70;
    public static final int CHUNK_SELECTOR = BASE + 0x74;
    /** ChunkEnable[selector] at CHUNK_ENABLE_BASE + 4 × selector. */
    public static final int CHUNK_ENABLE_BASE = BASE + 0x80;
    public static final int GENDC_STREAMING_MODE = BASE + 0x90;
    public static final int GENDC_STREAMING_STATUS = BASE + 0x94;
    public static final int COMPONENT_SELECTOR = BASE + 0xA0;
    public static final int COMPONENT_ENABLE = BASE + 0xA4;
    public static final int COMPONENT_ID_VALUE = BASE + 0xA8;
    public static final int TL_PARAMS_LOCKED = BASE + 0xE0;
    public static final int TEST_REGISTER = BASE + 0xF0;

    /** GenDC descriptor bytes (filled by a GenDC emitter). */
    public static final int GENDC_DESCRIPTOR = 0x0001_1000;
    public static final int GENDC_DESCRIPTOR_LENGTH = 1024;
    public static final int GENDC_FLOW_TABLE = 0x0001_1400;
    public static final int GENDC_FLOW_TABLE_LENGTH = 256;
    /**
     * Stream channel 0's extended bootstrap block (SCEBA0 points here): descriptor address and
     * size, flow mapping table address and size; the sizes are set by the stream channel.
     */
    public static final int GENDC_EXTENDED_BOOTSTRAP = 0x0001_1800;
    public static final int GENDC_EB_DESCRIPTOR_SIZE = GENDC_EXTENDED_BOOTSTRAP + 0x4;
    public static final int GENDC_EB_FLOW_TABLE_SIZE = GENDC_EXTENDED_BOOTSTRAP + 0xC;

    /** Where the GenICam XML (plain or zipped) lives, read by READMEM through the First URL. */
    public static final int XML_BASE = 0x0010_0000;

    public static final int PFNC_MONO8 = 0x01080001;
    public static final int PFNC_MONO10 = 0x01100003;
    public static final int PFNC_MONO12 = 0x01100005;
    public static final int PFNC_MONO16 = 0x01100007;
    public static final int PFNC_BAYER_RG8 = 0x01080009;
    public static final int PFNC_RGB8 = 0x02180014;
    public static final int PFNC_YUV422_8 = 0x02100032;

    public static final int CHUNK_TIMESTAMP = 0;
    public static final int CHUNK_FRAME_ID = 1;
    public static final int CHUNK_EXPOSURE_TIME = 2;
    public static final int CHUNK_COUNT = 3;

    private FeatureRegisters() {
    }

    /** Bits per pixel from a PFNC code (bits 23–16). */
    public static int bitsPerPixel(int pfnc) {
        return (pfnc >>> 16) & 0xFF;
    }
}
