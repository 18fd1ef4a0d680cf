/** GenApi node types, one class each, and the evaluation context they share. */
package io.gevgate.acquisition.genapi.node;
