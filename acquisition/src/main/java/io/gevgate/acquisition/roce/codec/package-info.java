/**
 * RoCEv2 wire format: flyweights over BTH/RETH/ImmDt ({@link io.gevgate.acquisition.roce.codec.RocePacket}),
 * the writer, the invariant CRC, the per-frame immediate and metadata record. Malformed input is
 * rejected with {@link io.gevgate.acquisition.roce.codec.RoceFormatException}.
 */
package io.gevgate.acquisition.roce.codec;
