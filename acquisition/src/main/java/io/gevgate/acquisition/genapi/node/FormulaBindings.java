package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Formula;
import io.gevgate.acquisition.genapi.expr.FormulaException;
import io.gevgate.acquisition.genapi.expr.Num;
import io.gevgate.acquisition.genapi.xml.XmlElement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The names a SwissKnife or Converter formula may use: {@code pVariable Name="X"} (another
 * node's value), {@code Constant Name="C"} and {@code Expression Name="E"} (a named
 * sub-formula). Formulas are parsed at load; a bad one is kept as an error that every
 * evaluation repeats, so a lenient load can still show the rest of the document.
 */
final class FormulaBindings {

    private final Node owner;
    private final Map<String, Ref> variables = new LinkedHashMap<>();
    /** Variables written {@code Node.Min} / {@code .Max} / {@code .Inc} / {@code .Value}: the property read. */
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Num> constants = new LinkedHashMap<>();
    private final Map<String, Formula> expressions = new LinkedHashMap<>();
    private final Set<String> expressionsInProgress = new HashSet<>();
    private GenApiException parseError;
    private static final Set<String> PROPERTIES = Set.of("Value", "Min", "Max", "Inc");

    FormulaBindings(NodeDef d, Node owner) {
        this.owner = owner;
        for (XmlElement e : d.all("pVariable")) {
            String name = requireName(d, e);
            String target = e.text().strip();
            // Node names cannot contain '.', so "Width.Max" can only mean a property of Width.
            int dot = target.lastIndexOf('.');
            if (dot > 0 && PROPERTIES.contains(target.substring(dot + 1))) {
                properties.put(name, target.substring(dot + 1));
                target = target.substring(0, dot);
            }
            variables.put(name, owner.ref(target, "pVariable"));
        }
        for (XmlElement e : d.all("Constant")) {
            String t = e.text().strip();
            boolean isFloat = t.contains(".") || (!t.startsWith("0x") && (t.contains("e") || t.contains("E")));
            constants.put(requireName(d, e), isFloat ? Num.of(d.parseFloat(t, "Constant")) : Num.of(d.parseInteger(t, "Constant")));
        }
        for (XmlElement e : d.all("Expression")) {
            expressions.put(requireName(d, e), parse(e.text()));
        }
    }

    private static String requireName(NodeDef d, XmlElement e) {
        String n = e.attribute("Name");
        if (n == null || n.isBlank()) {
            throw d.malformed("<" + e.name() + "> lacks its Name attribute");
        }
        return n.strip();
    }

    /** Parses a formula; a syntax error is remembered (and reported by the loader). */
    Formula parse(String text) {
        try {
            return Formula.parse(text);
        } catch (FormulaException e) {
            if (parseError == null) {
                parseError = new GenApiException(owner.name(), Reason.BAD_FORMULA, e.getMessage(), e);
            }
            return null;
        }
    }

    GenApiException parseError() {
        return parseError;
    }

    /**
     * Value edges: variables read by value. {@code Name.Min/.Max/.Inc} read a range, not a value, so
     * they are no value edge (a range may legally refer back; the run-time guard catches real cycles).
     */
    List<Node> dependencies() {
        List<Ref> byValue = new java.util.ArrayList<>();
        variables.forEach((name, ref) -> {
            String p = properties.get(name);
            if (p == null || p.equals("Value")) {
                byValue.add(ref);
            }
        });
        return Node.targets(byValue);
    }

    /** Names a formula uses that nothing defines (PI, E and the extra names are always defined). */
    Set<String> undefined(Formula f, Set<String> extra) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (f == null) {
            return out;
        }
        for (String v : f.variables()) {
            if (!variables.containsKey(v) && !constants.containsKey(v) && !expressions.containsKey(v)
                    && !extra.contains(v) && !v.equalsIgnoreCase("PI") && !v.equalsIgnoreCase("E")) {
                out.add(v);
            }
        }
        for (Formula ex : expressions.values()) {
            if (ex != f && ex != null) {
                for (String v : ex.variables()) {
                    if (!variables.containsKey(v) && !constants.containsKey(v) && !expressions.containsKey(v)
                            && !extra.contains(v) && !v.equalsIgnoreCase("PI") && !v.equalsIgnoreCase("E")) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    Num evaluate(Formula f, Map<String, Num> extra) {
        if (parseError != null) {
            throw parseError;
        }
        try {
            return f.evaluate(resolver(extra));
        } catch (FormulaException e) {
            // A position means the text itself is wrong; -1 means these values cannot be computed (÷0).
            throw new GenApiException(owner.name(), e.position() >= 0 ? Reason.BAD_FORMULA : Reason.INVALID_VALUE,
                    e.getMessage(), e);
        }
    }

    private Function<String, Num> resolver(Map<String, Num> extra) {
        return new Function<>() {
            @Override
            public Num apply(String name) {
                Num x = extra.get(name);
                if (x != null) {
                    return x;
                }
                Ref r = variables.get(name);
                if (r != null) {
                    String p = properties.get(name);
                    return p == null ? owner.num(r) : owner.property(r, p);
                }
                Num c = constants.get(name);
                if (c != null) {
                    return c;
                }
                Formula e = expressions.get(name);
                if (e != null) {
                    if (!expressionsInProgress.add(name)) {
                        throw new GenApiException(owner.name(), Reason.CYCLE, "Expression " + name + " uses itself");
                    }
                    try {
                        return e.evaluate(this);
                    } finally {
                        expressionsInProgress.remove(name);
                    }
                }
                return null;
            }
        };
    }
}
