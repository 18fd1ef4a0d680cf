/**
 * GVSP wire format: allocation-free flyweights over {@link java.lang.foreign.MemorySegment} for the
 * packet header (standard and extended-ID), leaders, payload packets and trailers, shared by the
 * receiver ({@code acquisition.gvsp}) and the simulator's emitter. All integers are big-endian.
 */
package io.gevgate.acquisition.gvsp.codec;
