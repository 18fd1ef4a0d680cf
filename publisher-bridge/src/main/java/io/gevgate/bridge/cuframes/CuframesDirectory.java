package io.gevgate.bridge.cuframes;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.gevgate.linux.Libc;
import io.gevgate.linux.ProcessLiveness;
import io.gevgate.linux.SharedMemory;

/** Lists the cuframes publishers visible in /dev/shm (for {@code gevgate cuframes ls}). */
public final class CuframesDirectory {
    public static final Path SHM_DIR = Path.of("/dev/shm");

    private CuframesDirectory() {
    }

    /** One frames segment as read from its header; {@code problem} is non-null when it is not a v4 header. */
    public record Entry(String key, long pid, boolean alive, boolean shutdown, int ringSize, String geometry,
                        long globalSeq, List<String> subscribers, boolean packets, boolean socket, String problem) {
    }

    public static List<Entry> list(Path runtimeDir) {
        List<Entry> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (Stream<Path> s = Files.list(SHM_DIR)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("cuframes-") && !n.endsWith(CuframesKey.PACKET_SUFFIX))
                    .map(n -> n.substring("cuframes-".length()))
                    .sorted().forEach(keys::add);
        } catch (IOException e) {
            throw new CuframesException(CuframesError.IO, "listing " + SHM_DIR + ": " + e.getMessage(), e);
        }
        for (String k : keys) {
            out.add(read(k, runtimeDir));
        }
        return out;
    }

    static Entry read(String key, Path runtimeDir) {
        boolean packets = Files.exists(SHM_DIR.resolve("cuframes-" + key + CuframesKey.PACKET_SUFFIX));
        boolean socket = Files.exists(runtimeDir.resolve(key + ".sock"));
        int fd = -1;
        try {
            fd = SharedMemory.open("/cuframes-" + key, false);
            if (fd < 0) {
                return new Entry(key, 0, false, false, 0, "", -1, List.of(), packets, socket, "vanished");
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buf = a.allocate(FramesHeader.SIZE, 8);
                long n = Libc.pread(fd, buf, FramesHeader.SIZE, 0);
                if (n != FramesHeader.SIZE) {
                    return new Entry(key, 0, false, false, 0, "", -1, List.of(), packets, socket,
                            "short header (" + n + " of " + FramesHeader.SIZE + " bytes)");
                }
                FramesHeader h = new FramesHeader(buf);
                long pid = h.producerPid();
                try {
                    h.validateForSubscriber();
                } catch (CuframesException e) {
                    return new Entry(key, pid, ProcessLiveness.isAlive(pid), false, 0, "", -1, List.of(), packets, socket,
                            e.getMessage());
                }
                FrameGeometry g = h.geometry();
                long bitmap = h.subscriberBitmap();
                List<String> subs = new ArrayList<>();
                for (int bit = 1; bit < 32; bit++) {
                    if ((bitmap & (1L << bit)) != 0) {
                        subs.add(bit + ":" + h.subscriberName(bit));
                    }
                }
                return new Entry(key, pid, ProcessLiveness.isAlive(pid), h.shutdownFlag() != 0, h.ringSize(),
                        g.format() + " " + g.width() + "x" + g.height(), h.globalSeqAcquire(), subs, packets, socket, null);
            }
        } finally {
            Libc.closeQuietly(fd);
        }
    }
}
