/** PFNC (GenICam Pixel Format Naming Convention) codes, names and buffer sizes. */
package io.gevgate.gendc.pfnc;
