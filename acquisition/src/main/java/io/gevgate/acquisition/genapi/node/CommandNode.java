package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <Command>}: executing writes {@code CommandValue} to {@code pValue}; the command is
 * done when the device has cleared it (the register no longer reads the command value) or when
 * the register cannot be read back at all.
 */
public final class CommandNode extends Node {

    private final ValueSource source;
    private final Long commandValue;
    private final Ref pCommandValue;

    public CommandNode(NodeDef d) {
        super(d);
        this.source = ValueSource.parse(d, this, false, null);
        this.commandValue = d.integer("CommandValue");
        this.pCommandValue = optionalRef(d, "pCommandValue");
        if (commandValue == null && pCommandValue == null) {
            throw d.malformed("needs <CommandValue> or <pCommandValue>");
        }
        d.ignore("PollingTime");
    }

    private long commandValue() {
        return pCommandValue != null ? num(pCommandValue).asLong() : commandValue;
    }

    @Override
    protected List<Node> valueDependencies() {
        List<Node> out = new ArrayList<>(source.dependencies());
        if (pCommandValue != null && pCommandValue.target() != null) {
            out.add(pCommandValue.target());
        }
        return out;
    }

    @Override
    protected AccessMode baseAccess() {
        return source.access(this);
    }

    public void execute() {
        setNumber(Num.of(commandValue()));
    }

    @Override
    protected void writeNumber(Num value) {
        source.write(this, value);
    }

    @Override
    protected Num readNumber() {
        return source.read(this);
    }

    /** Polls the device: the register is re-read, whatever its caching mode says. */
    public boolean isDone() {
        Node t = source.target();
        if (t != null && !t.accessMode().readable()) {
            return true;
        }
        if (t != null) {
            t.invalidate(new java.util.HashSet<>());
        }
        return source.read(this).asLong() != commandValue();
    }
}
