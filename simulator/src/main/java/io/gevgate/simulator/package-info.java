/** A software GigE Vision device for tests, demos and benchmarks; binds loopback addresses only by default. */
package io.gevgate.simulator;
