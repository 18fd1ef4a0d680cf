package io.gevgate.acquisition.genapi.expr;

/** A lexical token of a formula; {@code text} holds the operator, name or literal text. */
record Token(Kind kind, String text, Num number, int position) {

    enum Kind { NUMBER, IDENT, OP, LPAREN, RPAREN, COMMA, QUESTION, COLON, END }
}
