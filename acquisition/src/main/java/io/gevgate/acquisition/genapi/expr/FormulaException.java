package io.gevgate.acquisition.genapi.expr;

/** A formula that does not parse, refers to an unknown name, or fails to evaluate (÷0). */
public class FormulaException extends RuntimeException {

    private final int position;

    public FormulaException(String formula, int position, String message) {
        super(message + (position >= 0 ? " at position " + position : "") + " in \"" + abbreviate(formula) + "\"");
        this.position = position;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Character index in the formula where the problem was found; -1 for evaluation errors. */
    public int position() {
        return position;
    }
}
