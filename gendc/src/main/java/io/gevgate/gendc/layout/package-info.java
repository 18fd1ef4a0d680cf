/** Byte offsets of every GenDC 1.1 header field, from gige-anchors.md §3 (all fields little-endian). */
package io.gevgate.gendc.layout;
