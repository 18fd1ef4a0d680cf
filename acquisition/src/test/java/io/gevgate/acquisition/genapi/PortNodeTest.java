package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.node.PortNode;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PortNodeTest {

    static final String BODY = "<Port Name=\"ChunkPort\"><ChunkID>A5A50001</ChunkID></Port>"
            + "<IntReg Name=\"ChunkExposure\"><Address>4</Address><Length>4</Length><AccessMode>RO</AccessMode>"
            + "<pPort>ChunkPort</pPort><Endianess>BigEndian</Endianess></IntReg>"
            + Xml.intReg("Width", "0x100", "RW", "");

    static ByteBuffer frameChunks(int exposure) {
        // Image chunk (id 1, 8 bytes) then the exposure chunk (8 bytes: counter, exposure), GigE trailers.
        return ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN)
                .putLong(0).putInt(1).putInt(8)
                .putInt(77).putInt(exposure).putInt(0xA5A50001).putInt(8).flip();
    }

    @Test
    void chunkPortReadsTheCurrentFramesChunk() {
        MemoryPort device = new MemoryPort();
        NodeMap m = Xml.load(BODY, device);
        assertThat(((PortNode) m.node("ChunkPort")).chunkId()).isEqualTo(0xA5A50001L);
        assertThat(((PortNode) m.node("ChunkPort")).boundPort()).as("device binding skips chunk ports").isNull();
        assertThatThrownBy(() -> m.getInteger("ChunkExposure")).isInstanceOf(GenApiException.class)
                .hasMessageContaining("chunk 0xA5A50001 is not in the current frame")
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.NOT_AVAILABLE);
        assertThat(m.attachChunkData(frameChunks(5000), ByteOrder.BIG_ENDIAN)).isEqualTo(1);
        assertThat(m.getInteger("ChunkExposure")).isEqualTo(5000);
        m.attachChunkData(frameChunks(6000), ByteOrder.BIG_ENDIAN);
        assertThat(m.getInteger("ChunkExposure")).as("new frame, no stale cache").isEqualTo(6000);
        m.attachChunkData(ByteBuffer.allocate(16).putLong(0).putInt(1).putInt(8).flip(), ByteOrder.BIG_ENDIAN);
        assertThatThrownBy(() -> m.getInteger("ChunkExposure")).hasMessageContaining("not in the current frame");
        m.setInteger("Width", 640);
        assertThat(device.peek(0x100, 4)).containsExactly(0, 0, 2, 0x80);
    }

    @Test
    void explicitBindingByName() {
        NodeMap m = NodeMap.load(Xml.doc(BODY).getBytes());
        MemoryPort p = new MemoryPort();
        m.bindPort("Device", p);
        m.setInteger("Width", 2);
        assertThat(p.writeCount()).isEqualTo(1);
        assertThatThrownBy(() -> m.bindPort("Width", p)).extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.TYPE_MISMATCH);
    }
}
