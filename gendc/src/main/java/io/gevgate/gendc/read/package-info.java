/**
 * Reading GenDC: validate-then-view. {@link io.gevgate.gendc.read.ContainerView} validates a whole
 * descriptor on {@code wrap} and then exposes components and parts through reusable flyweights;
 * {@link io.gevgate.gendc.read.FlowTableView} does the same for the flow mapping table.
 */
package io.gevgate.gendc.read;
