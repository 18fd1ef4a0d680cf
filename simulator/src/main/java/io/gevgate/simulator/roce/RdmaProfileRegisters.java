package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaFeatures;
import io.gevgate.acquisition.roce.RdmaFlowTarget;
import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.simulator.registers.Access;
import io.gevgate.simulator.registers.RegisterSpace;
import io.gevgate.simulator.registers.RegisterValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The RDMA streaming profile's device registers (feature names in {@link RdmaFeatures}; XML in
 * {@code rdma-profile-features.xml} next to this class), added to a simulator {@link RegisterSpace}
 * through its public definition API — no simulator file changes. 32-bit big-endian registers:
 *
 * <pre>
 * 0x12000 RdmaProfileVersion (RO, 0x00010000)   0x12004 RdmaStreamEnable (RW, 0/1)
 * 0x12008 RdmaDestinationQueuePair (RW, 24 bit)  0x1200C RdmaDestinationIPAddress (RW)
 * 0x12010 RdmaDestinationPort (RO, 4791)         0x12014 RdmaSourcePort (RO)
 * 0x12018 RdmaPathMtu (RW, 256..4096)            0x1201C RdmaPageCount (RW, 1..4096)
 * 0x12020 RdmaFlowCount (RO)                     0x12024 RdmaFlowSelector (RW)
 * 0x12040 + 0x20*flow: +0 RdmaFlowRemoteKey (RW), +4 RdmaFlowBaseAddress high, +8 low (RW),
 *                      +0xC RdmaFlowPageSize (RW, multiple of 128), +0x10 RdmaFlowSize (RO)
 * </pre>
 */
public final class RdmaProfileRegisters {
    public static final int BASE = 0x0001_2000;
    public static final int VERSION = BASE;
    public static final int ENABLE = BASE + 0x04;
    public static final int QUEUE_PAIR = BASE + 0x08;
    public static final int DESTINATION_IP = BASE + 0x0C;
    public static final int DESTINATION_PORT = BASE + 0x10;
    public static final int SOURCE_PORT = BASE + 0x14;
    public static final int PATH_MTU = BASE + 0x18;
    public static final int PAGE_COUNT = BASE + 0x1C;
    public static final int FLOW_COUNT = BASE + 0x20;
    public static final int FLOW_SELECTOR = BASE + 0x24;
    public static final int FLOW_BASE = BASE + 0x40;
    public static final int FLOW_STRIDE = 0x20;
    public static final int FLOW_REMOTE_KEY = 0x0;
    public static final int FLOW_ADDRESS_HIGH = 0x4;
    public static final int FLOW_ADDRESS_LOW = 0x8;
    public static final int FLOW_PAGE_SIZE = 0xC;
    public static final int FLOW_SIZE = 0x10;
    public static final int PROFILE_VERSION = 0x0001_0000;

    private RdmaProfileRegisters() {
    }

    public static int flowRegister(int flow, int field) {
        return FLOW_BASE + flow * FLOW_STRIDE + field;
    }

    /**
     * Defines the registers for {@code container}'s flows; {@code sourcePort} reports the
     * emitter's bound UDP port (it may change when the emitter is recreated).
     */
    public static void install(RegisterSpace regs, ContainerSpec container, IntSupplier sourcePort) {
        install(regs, container.flowCount(), () -> container, sourcePort);
    }

    /**
     * Like {@link #install(RegisterSpace, ContainerSpec, IntSupplier)} for a container that follows
     * the device's image features: RdmaFlowSize is computed on every read from {@code container}
     * (which must always have {@code flowCount} flows), so the host sizes its pages for the
     * Width/Height/PixelFormat set at that moment.
     */
    public static void install(RegisterSpace regs, int flowCount, java.util.function.Supplier<ContainerSpec> container,
                               IntSupplier sourcePort) {
        regs.define(VERSION, RdmaFeatures.PROFILE_VERSION, Access.RO, PROFILE_VERSION);
        regs.define(ENABLE, RdmaFeatures.ENABLE, Access.RW, 0, RegisterValidator.oneOf(0, 1));
        regs.define(QUEUE_PAIR, RdmaFeatures.QUEUE_PAIR, Access.RW, 0, RegisterValidator.range(0, 0xFF_FFFF, 1));
        regs.define(DESTINATION_IP, RdmaFeatures.DESTINATION_IP, Access.RW, 0);
        regs.define(DESTINATION_PORT, RdmaFeatures.DESTINATION_PORT, Access.RO, RdmaProfile.ROCE_V2_PORT);
        regs.defineComputed(SOURCE_PORT, RdmaFeatures.SOURCE_PORT, sourcePort);
        regs.define(PATH_MTU, RdmaFeatures.PATH_MTU, Access.RW, 4096, RegisterValidator.oneOf(256, 512, 1024, 2048, 4096));
        regs.define(PAGE_COUNT, RdmaFeatures.PAGE_COUNT, Access.RW, 2, RegisterValidator.range(1, 4096, 1));
        regs.define(FLOW_COUNT, RdmaFeatures.FLOW_COUNT, Access.RO, flowCount);
        regs.define(FLOW_SELECTOR, RdmaFeatures.FLOW_SELECTOR, Access.RW, 0,
                RegisterValidator.range(0, flowCount - 1, 1));
        for (int f = 0; f < flowCount; f++) {
            int flow = f;
            regs.define(flowRegister(f, FLOW_REMOTE_KEY), RdmaFeatures.FLOW_REMOTE_KEY + f, Access.RW, 0);
            regs.define(flowRegister(f, FLOW_ADDRESS_HIGH), RdmaFeatures.FLOW_BASE_ADDRESS + f + "High", Access.RW, 0,
                    RegisterValidator.range(0, 0x7FFF_FFFFL, 1));
            regs.define(flowRegister(f, FLOW_ADDRESS_LOW), RdmaFeatures.FLOW_BASE_ADDRESS + f + "Low", Access.RW, 0);
            regs.define(flowRegister(f, FLOW_PAGE_SIZE), RdmaFeatures.FLOW_PAGE_SIZE + f, Access.RW, 0,
                    RegisterValidator.range(0, 0x7FFF_FF80L, 128));
            regs.defineComputed(flowRegister(f, FLOW_SIZE), RdmaFeatures.FLOW_SIZE + f,
                    () -> (int) Math.min(Integer.MAX_VALUE, container.get().flowSize(flow)));
        }
    }

    /**
     * The destination as the host programmed it. Throws {@link IllegalStateException} naming the
     * first register that makes it unusable (so enabling an incomplete setup fails loudly).
     */
    public static RdmaProfile profile(RegisterSpace regs, String deviceIp) {
        int flows = regs.value(FLOW_COUNT);
        List<RdmaFlowTarget> targets = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            long base = (Integer.toUnsignedLong(regs.value(flowRegister(f, FLOW_ADDRESS_HIGH))) << 32)
                    | Integer.toUnsignedLong(regs.value(flowRegister(f, FLOW_ADDRESS_LOW)));
            long page = Integer.toUnsignedLong(regs.value(flowRegister(f, FLOW_PAGE_SIZE)));
            try {
                targets.add(new RdmaFlowTarget(regs.value(flowRegister(f, FLOW_REMOTE_KEY)), base, page));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RdmaFeatures.FLOW_PAGE_SIZE + "[" + f + "]: " + e.getMessage(), e);
            }
        }
        int ip = regs.value(DESTINATION_IP);
        String host = (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
        try {
            return new RdmaProfile(regs.value(QUEUE_PAIR), regs.value(PATH_MTU), regs.value(PAGE_COUNT), targets,
                    deviceIp, Math.max(1, regs.value(SOURCE_PORT)), host, regs.value(DESTINATION_PORT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("RDMA destination not usable: " + e.getMessage(), e);
        }
    }

    /** Calls {@code onEnable} with the programmed profile when RdmaStreamEnable goes 0→1, {@code onDisable} on 1→0. */
    public static void onEnable(RegisterSpace regs, String deviceIp, Consumer<RdmaProfile> onEnable, Runnable onDisable) {
        boolean[] reverting = new boolean[1];
        regs.addListener(ENABLE, (address, old, value) -> {
            if (old == 0 && value == 1) {
                try {
                    onEnable.accept(profile(regs, deviceIp));
                } catch (RuntimeException e) {
                    reverting[0] = true; // an enable that failed leaves the stream disabled
                    try {
                        regs.set(ENABLE, 0);
                    } finally {
                        reverting[0] = false;
                    }
                    throw e;
                }
            } else if (old == 1 && value == 0 && !reverting[0]) {
                onDisable.run();
            }
        });
    }
}
