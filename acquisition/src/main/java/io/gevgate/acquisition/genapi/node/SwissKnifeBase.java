package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Formula;
import io.gevgate.acquisition.genapi.expr.Num;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What SwissKnife and IntSwissKnife share: a read-only value computed by one formula. */
public abstract class SwissKnifeBase extends Node {

    private final FormulaBindings bindings;
    private final Formula formula;
    private final String formulaText;
    private final String unit;
    private final Representation representation;

    // FormulaBindings only declares references through the final ref() while "this" is built.
    @SuppressWarnings("this-escape")
    protected SwissKnifeBase(NodeDef d) {
        super(d);
        this.bindings = new FormulaBindings(d, this);
        this.formulaText = d.text("Formula");
        if (formulaText == null) {
            throw d.malformed("needs a <Formula>");
        }
        this.formula = bindings.parse(formulaText);
        this.unit = d.text("Unit");
        this.representation = parseOr(d, "Representation", Representation::parse, Representation.PURE_NUMBER);
    }

    public String formula() {
        return formulaText;
    }

    @Override
    void link(NodeContext context) {
        super.link(context);
        if (bindings.parseError() != null) {
            context.problem(name(), Reason.BAD_FORMULA, bindings.parseError().getMessage());
        }
        Set<String> missing = bindings.undefined(formula, Set.of());
        if (!missing.isEmpty()) {
            context.problem(name(), Reason.BAD_FORMULA, "formula uses undefined name(s) " + missing);
        }
    }

    @Override
    protected List<Node> valueDependencies() {
        return bindings.dependencies();
    }

    protected final Num evaluate() {
        return bindings.evaluate(formula, Map.of());
    }

    public String unit() {
        return unit;
    }

    public Representation representation() {
        return representation;
    }
}
