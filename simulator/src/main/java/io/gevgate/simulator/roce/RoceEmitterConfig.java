package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartDataSource;
import io.gevgate.simulator.stream.LossInjection;

/**
 * What the RoCEv2 emitter sends and where.
 *
 * @param profile    the destination the host programmed (QP, flows, pages, MTU, host IP, port 4791)
 * @param container  the GenDC container layout of every frame (several components, several flows)
 * @param content    fills each part per frame; null = a deterministic pattern of frame, component and part
 * @param mode       how flows are cut into packets
 * @param loss       loss / reorder / duplicate injection
 * @param sourceIp   local address to send from (loopback in tests)
 * @param sourcePort local UDP port (0 = ephemeral; the host reads the bound one)
 * @param firstPsn   PSN of the first packet
 * @param batch      packets per {@code sendmmsg}
 */
public record RoceEmitterConfig(RdmaProfile profile, ContainerSpec container, PartDataSource content,
                                RocePacketMode mode, LossInjection loss, String sourceIp, int sourcePort,
                                int firstPsn, int batch) {
    public RoceEmitterConfig {
        if (container.flowCount() > profile.flowCount()) {
            throw new IllegalArgumentException("container uses " + container.flowCount() + " flows, profile registers "
                    + profile.flowCount());
        }
        if (container.flowSize(0) > profile.metadataOffset()) {
            throw new IllegalArgumentException("flow 0 (" + container.flowSize(0) + " bytes) does not fit its page before "
                    + "the metadata record (" + profile.metadataOffset() + " bytes)");
        }
        for (int f = 1; f < container.flowCount(); f++) {
            if (container.flowSize(f) > profile.flow(f).pageSize()) {
                throw new IllegalArgumentException("flow " + f + " (" + container.flowSize(f) + " bytes) exceeds its page ("
                        + profile.flow(f).pageSize() + ")");
            }
        }
        if (batch < 1 || batch > 1024) {
            throw new IllegalArgumentException("batch must be 1..1024, got " + batch);
        }
    }

    public static RoceEmitterConfig of(RdmaProfile profile, ContainerSpec container, String sourceIp) {
        return new RoceEmitterConfig(profile, container, null, RocePacketMode.WRITE_ONLY_PER_PACKET, LossInjection.NONE,
                sourceIp, 0, 0, 64);
    }

    public RoceEmitterConfig withMode(RocePacketMode m) {
        return new RoceEmitterConfig(profile, container, content, m, loss, sourceIp, sourcePort, firstPsn, batch);
    }

    public RoceEmitterConfig withLoss(LossInjection l) {
        return new RoceEmitterConfig(profile, container, content, mode, l, sourceIp, sourcePort, firstPsn, batch);
    }

    public RoceEmitterConfig withFirstPsn(int psn) {
        return new RoceEmitterConfig(profile, container, content, mode, loss, sourceIp, sourcePort, psn, batch);
    }

    public RoceEmitterConfig withProfile(RdmaProfile p) {
        return new RoceEmitterConfig(p, container, content, mode, loss, sourceIp, sourcePort, firstPsn, batch);
    }
}
