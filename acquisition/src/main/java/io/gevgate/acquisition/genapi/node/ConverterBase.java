package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Formula;
import io.gevgate.acquisition.genapi.expr.Num;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Converter and IntConverter share: reading applies {@code FormulaTo} to the value of
 * {@code pValue} (bound as {@code FROM}); writing applies {@code FormulaFrom} to the new value
 * (bound as {@code TO}) and writes the result to {@code pValue}. The range is pValue's range
 * converted; {@code Slope} says whether the conversion flips it.
 */
public abstract class ConverterBase extends Node {

    private final FormulaBindings bindings;
    private final Formula to;
    private final Formula from;
    private final Ref pValue;
    private final String slope;
    private final String unit;
    private final Representation representation;

    // FormulaBindings only declares references through the final ref() while "this" is built.
    @SuppressWarnings("this-escape")
    protected ConverterBase(NodeDef d) {
        super(d);
        this.bindings = new FormulaBindings(d, this);
        String ft = d.text("FormulaTo");
        String ff = d.text("FormulaFrom");
        if (ft == null || ff == null) {
            throw d.malformed("needs <FormulaTo> and <FormulaFrom>");
        }
        this.to = bindings.parse(ft);
        this.from = bindings.parse(ff);
        this.pValue = optionalRef(d, "pValue");
        if (pValue == null) {
            throw d.malformed("needs <pValue>");
        }
        String s = d.text("Slope");
        this.slope = s == null ? "Automatic" : s.strip();
        this.unit = d.text("Unit");
        this.representation = parseOr(d, "Representation", Representation::parse, Representation.PURE_NUMBER);
        d.ignore("IsLinear");
    }

    @Override
    void link(NodeContext context) {
        super.link(context);
        if (bindings.parseError() != null) {
            context.problem(name(), Reason.BAD_FORMULA, bindings.parseError().getMessage());
        }
        Set<String> missing = new java.util.LinkedHashSet<>(bindings.undefined(to, Set.of("FROM")));
        missing.addAll(bindings.undefined(from, Set.of("TO")));
        if (!missing.isEmpty()) {
            context.problem(name(), Reason.BAD_FORMULA, "formula uses undefined name(s) " + missing);
        }
    }

    @Override
    protected List<Node> valueDependencies() {
        List<Node> out = new ArrayList<>(bindings.dependencies());
        if (pValue.target() != null) {
            out.add(pValue.target());
        }
        return out;
    }

    @Override
    protected AccessMode baseAccess() {
        return target(pValue).accessMode();
    }

    /** Converts a raw (pValue) value to this node's value. */
    protected final Num convertTo(Num raw) {
        return bindings.evaluate(to, Map.of("FROM", raw));
    }

    /** Converts this node's value to the raw value written to pValue. */
    protected final Num convertFrom(Num value) {
        return bindings.evaluate(from, Map.of("TO", value));
    }

    @Override
    protected Num readNumber() {
        return shape(convertTo(num(pValue)));
    }

    /** IntConverter makes the result an integer; Converter a float. */
    protected abstract Num shape(Num n);

    @Override
    protected void writeNumber(Num value) {
        Num v = shape(value);
        Num lo = minimum();
        Num hi = maximum();
        if ((lo != null && v.asDouble() < lo.asDouble()) || (hi != null && v.asDouble() > hi.asDouble())) {
            throw error(Reason.OUT_OF_RANGE, v + " is outside [" + lo + ", " + hi + "]");
        }
        target(pValue).setNumber(convertFrom(v));
    }

    @Override
    public Num minimum() {
        Num[] r = range();
        return r == null ? null : r[0];
    }

    @Override
    public Num maximum() {
        Num[] r = range();
        return r == null ? null : r[1];
    }

    /** pValue's range converted; null when pValue is unbounded or a bound does not convert. */
    private Num[] range() {
        Node t = target(pValue);
        Num lo = t.minimum();
        Num hi = t.maximum();
        if (lo == null || hi == null) {
            return null;
        }
        Num a;
        Num b;
        try {
            a = shape(convertTo(lo));
            b = shape(convertTo(hi));
        } catch (GenApiException e) {
            return null; // e.g. 1/FROM at FROM = 0: the range is then unknown, not an error of the value
        }
        return switch (slope) {
            case "Increasing" -> new Num[] {a, b};
            case "Decreasing" -> new Num[] {b, a};
            default -> a.asDouble() <= b.asDouble() ? new Num[] {a, b} : new Num[] {b, a};
        };
    }

    public String unit() {
        return unit;
    }

    public Representation representation() {
        return representation;
    }
}
