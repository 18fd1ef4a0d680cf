/** The SwissKnife / Converter formula language: lexer, parser, evaluator. */
package io.gevgate.acquisition.genapi.expr;
