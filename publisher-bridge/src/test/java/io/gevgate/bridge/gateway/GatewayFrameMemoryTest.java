package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.stream.SimulatedStreamChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GPU path's zero-copy hook without a GPU: the gateway hands each camera session's GVSP frame
 * pool to its writer once ({@link SlotWriter#registerFrameMemory}), every frame it then writes lies
 * inside that memory (so the GPU writer's pinned check takes the direct path), and the
 * registration is closed before the session goes — also when the camera is lost and reconnected.
 * A recording wrapper around the CPU writer observes this (127.0.0.49).
 */
@Timeout(120)
class GatewayFrameMemoryTest {
    @TempDir
    Path dir;

    /** Delegates to the real writer; records registrations and where each frame lay. */
    static final class RecordingWriter implements SlotWriter {
        final SlotWriter delegate;
        final List<Registration> registrations = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile int framesWritten;

        static final class Registration {
            final List<MemorySegment> buffers;
            volatile int closes;
            volatile int framesInside;

            Registration(List<MemorySegment> buffers) {
                this.buffers = List.copyOf(buffers);
            }

            boolean contains(MemorySegment s) {
                return buffers.stream().anyMatch(b -> s.address() >= b.address()
                        && s.address() + s.byteSize() <= b.address() + b.byteSize());
            }
        }

        RecordingWriter(SlotWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public FrameMemory registerFrameMemory(List<MemorySegment> buffers) {
            if (registrations.stream().anyMatch(r -> r.closes == 0)) {
                problems.add("registered while an earlier registration was still open");
            }
            Registration r = new Registration(buffers);
            registrations.add(r);
            FrameMemory inner = delegate.registerFrameMemory(buffers);
            return () -> {
                r.closes++;
                inner.close();
            };
        }

        @Override
        public void write(Frame frame, CuframesPublisher.AcquiredSlot slot) {
            Registration open = registrations.isEmpty() ? null : registrations.getLast();
            if (open == null || open.closes != 0 || !open.contains(frame.payload())) {
                problems.add("frame " + frame.blockId() + " written outside the open registration");
            } else {
                open.framesInside++;
            }
            framesWritten++;
            delegate.write(frame, slot);
        }

        final java.util.concurrent.atomic.AtomicInteger preloads = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public boolean preloadNeedsSlot() {
            return delegate.preloadNeedsSlot();
        }

        @Override
        public void preload(long blockId, MemorySegment buffer, long finalBytes, CuframesPublisher.AcquiredSlot slot) {
            Registration open = registrations.isEmpty() ? null : registrations.getLast();
            if (open == null || open.closes != 0 || open.buffers.stream().noneMatch(b -> b.address() == buffer.address()
                    && finalBytes <= b.byteSize())) {
                problems.add("preload of frame " + blockId + " (" + finalBytes + " bytes) outside the open registration's buffers");
            }
            if (finalBytes <= 0) {
                problems.add("preload of frame " + blockId + " with nothing final");
            }
            if (delegate.preloadNeedsSlot() && slot == null) {
                problems.add("preload of frame " + blockId + " without the slot the CPU writer converts into");
            }
            preloads.incrementAndGet();
            delegate.preload(blockId, buffer, finalBytes, slot);
        }

        @Override
        public long preloadedFrames() {
            return delegate.preloadedFrames();
        }

        @Override
        public void write(MemorySegment src, long strideBytes, CuframesPublisher.AcquiredSlot slot) {
            problems.add("GVSP image frames go through write(Frame, slot)");
            delegate.write(src, strideBytes, slot);
        }

        @Override
        public FrameGeometry geometry() {
            return delegate.geometry();
        }

        @Override
        public String name() {
            return "recording-" + delegate.name();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static void await(BooleanSupplier c, Duration max, String what) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void framePoolIsRegisteredOncePerSessionAndReleasedBeforeItGoesIncludingOnReconnect() throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.49");
        // 1.5 s: a heartbeat a loaded machine delays by up to 1 s is not a lost camera (an extra
        // session would break the exact counts below)
        SimulatorConfig simCfg = SimulatorConfig.defaults(addr).withHeartbeatTimeoutMs(1500);
        SimulatedDevice dev = SimulatedDevice.start(simCfg);
        SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev);
        RecordingWriter[] rec = new RecordingWriter[1];
        GatewayOptions o = new GatewayOptions().camera(addr).key("gwmem" + ProcessHandle.current().pid()).runtimeDir(dir)
                .format(PublishFormat.NV12).yuv(YuvMatrix.BT601, YuvRange.FULL).noGpu(true)
                .pixelFormat("Mono8").size(160, 120).frameRate(50.0).cpuThreads(1)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        o.slotWriterWrapper = w -> rec[0] = new RecordingWriter(w);
        try (Gateway gw = new Gateway(o)) {
            CompletableFuture<Gateway.Outcome> run = new CompletableFuture<>();
            Thread.ofPlatform().name("mem-gateway").daemon().start(() -> {
                try {
                    run.complete(gw.run());
                } catch (Throwable t) {
                    run.completeExceptionally(t);
                }
            });
            try {
                await(() -> rec[0] != null && rec[0].framesWritten >= 10, Duration.ofSeconds(30), "10 frames");
                ch.close();
                dev.close(); // camera gone: the session is abandoned, its pool must be released first
                await(() -> rec[0].registrations.getFirst().closes > 0, Duration.ofSeconds(20), "first registration closed");
                dev = SimulatedDevice.start(simCfg);
                ch = SimulatedStreamChannel.attach(dev);
                await(() -> rec[0].registrations.size() == 2 && rec[0].registrations.get(1).framesInside >= 10,
                        Duration.ofSeconds(40), "10 frames in the second session");
                gw.requestStop();
                assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(Gateway.Outcome.STOPPED);
            } finally {
                gw.requestStop();
                ch.close();
                dev.close();
            }
            RecordingWriter r = rec[0];
            System.out.println("frame memory: " + r.registrations.size() + " registrations, frames inside "
                    + r.registrations.stream().map(x -> x.framesInside).toList() + ", " + gw.statusLine());
            assertThat(r.problems).isEmpty();
            assertThat(gw.stats().connects()).isEqualTo(2);
            assertThat(r.registrations).hasSize(2).allSatisfy(reg -> {
                assertThat(reg.closes).as("closed exactly once").isEqualTo(1);
                assertThat(reg.buffers).as("the session's whole pool (CameraStream default: 16 frames)").hasSize(16);
                assertThat(reg.framesInside).isPositive();
            });
            assertThat(r.framesWritten).isEqualTo(r.registrations.get(0).framesInside + r.registrations.get(1).framesInside);
        }
    }
}
