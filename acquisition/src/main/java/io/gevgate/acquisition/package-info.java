/** Talking to cameras: GVCP control, GenApi, GVSP/RoCEv2 streaming, and the Camera facade. */
package io.gevgate.acquisition;
