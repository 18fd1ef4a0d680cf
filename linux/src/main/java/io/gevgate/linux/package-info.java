/** FFM (java.lang.foreign) bindings to the C libraries gevgate calls: one class per library. */
package io.gevgate.linux;
