/** Human-readable and JSON descriptions of GenDC containers (used by {@code gevgate gendc inspect}). */
package io.gevgate.gendc.inspect;
