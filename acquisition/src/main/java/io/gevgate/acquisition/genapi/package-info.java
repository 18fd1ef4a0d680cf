/**
 * The GenApi engine: loads a camera's GenICam XML (securely) into a {@link
 * io.gevgate.acquisition.genapi.NodeMap} and evaluates it over {@link
 * io.gevgate.acquisition.genapi.port.Port}s. Node types live in {@code genapi.node}, the formula
 * evaluator in {@code genapi.expr}, ports in {@code genapi.port}, XML reading in {@code genapi.xml}.
 */
package io.gevgate.acquisition.genapi;
