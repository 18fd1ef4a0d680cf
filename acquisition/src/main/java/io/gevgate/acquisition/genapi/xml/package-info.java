/** Secure reading of GenICam XML (no DTD, no entities, bounded size and depth). */
package io.gevgate.acquisition.genapi.xml;
