/**
 * GenICam GenDC 1.1 (Generic Data Container) and the PFNC pixel-format table.
 *
 * <ul>
 *   <li>{@link io.gevgate.gendc.read} reads a container, descriptor or flow mapping table as zero-copy,
 *       reusable views after validating it completely ({@link io.gevgate.gendc.GenDcFormatException}).</li>
 *   <li>{@link io.gevgate.gendc.write} describes a container once and writes it (descriptor, data,
 *       flows) into caller-provided memory.</li>
 *   <li>{@link io.gevgate.gendc.pfnc} maps PFNC names and codes and computes buffer sizes.</li>
 *   <li>{@link io.gevgate.gendc.layout} holds the byte offsets of every header field (all little-endian).</li>
 * </ul>
 */
package io.gevgate.gendc;
