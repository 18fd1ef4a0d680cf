/**
 * Writing GenDC: {@link io.gevgate.gendc.write.ContainerSpec} describes a container (components
 * of {@link io.gevgate.gendc.write.PartSpec}s), computes descriptor, data and flow sizes up front
 * and writes into caller memory, linearly or as flows.
 */
package io.gevgate.gendc.write;
