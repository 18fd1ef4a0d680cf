package io.gevgate.acquisition.genapi.expr;

import java.util.List;
import java.util.function.Function;

/** The syntax tree of a formula. Evaluation is recursive; the parser bounds the tree's depth. */
sealed interface Expr {

    Num eval(Function<String, Num> variables, String src);

    record Literal(Num value) implements Expr {
        @Override
        public Num eval(Function<String, Num> variables, String src) {
            return value;
        }
    }

    record Variable(String name, int position) implements Expr {
        @Override
        public Num eval(Function<String, Num> variables, String src) {
            Num v = variables.apply(name);
            if (v != null) {
                return v;
            }
            // Names bound by the node win; PI and E are the fallbacks (a pVariable named E is legal).
            if (name.equalsIgnoreCase("PI")) {
                return Num.of(Math.PI);
            }
            if (name.equalsIgnoreCase("E")) {
                return Num.of(Math.E);
            }
            throw new FormulaException(src, position, "unknown variable " + name);
        }
    }

    record Unary(String op, Expr operand) implements Expr {
        @Override
        public Num eval(Function<String, Num> variables, String src) {
            return Operators.unary(op, operand.eval(variables, src));
        }
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
        @Override
        public Num eval(Function<String, Num> variables, String src) {
            // Short-circuit as in C: the untaken side may read a node that is not available.
            if (op.equals("&&")) {
                return Num.of(left.eval(variables, src).isTrue() && right.eval(variables, src).isTrue());
            }
            if (op.equals("||")) {
                return Num.of(left.eval(variables, src).isTrue() || right.eval(variables, src).isTrue());
            }
            return Operators.binary(op, left.eval(variables, src), right.eval(variables, src), src);
        }
    }

    record Ternary(Expr condition, Expr whenTrue, Expr whenFalse) implements Expr {
        @Override
        public Num eval(Function<String, Num> variables, String src) {
            return condition.eval(variables, src).isTrue()
                    ? whenTrue.eval(variables, src) : whenFalse.eval(variables, src);
        }
    }

    record Call(String function, List<Expr> args, int position) implements Expr {
        @Override
        public Num eval(Function<String, Num> variables, String src) {
            Num[] values = new Num[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(variables, src);
            }
            return Functions.apply(function, values, src, position);
        }
    }
}
