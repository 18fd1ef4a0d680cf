/** Ports: where GenApi register nodes read and write bytes (device, chunk data, memory). */
package io.gevgate.acquisition.genapi.port;
