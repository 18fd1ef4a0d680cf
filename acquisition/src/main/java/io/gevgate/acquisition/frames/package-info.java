/** The stream-path-neutral view of a received frame (GVSP or RDMA). */
package io.gevgate.acquisition.frames;
