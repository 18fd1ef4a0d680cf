package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds cycles among the references every value read follows (pValue, pVariable, pAddress,
 * pIndex, pLength, pPort...). Iterative depth-first search, so a long chain of nodes cannot
 * overflow the stack. References that are followed only sometimes (pMin, pIsAvailable...) may
 * legally form cycles in the static graph; the evaluation guard catches the real ones at run time.
 */
final class CycleCheck {

    private final NodeContext ctx;

    CycleCheck(NodeContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        Map<Node, Integer> state = new HashMap<>(); // absent: unvisited, 1: on stack, 2: done
        for (Node start : ctx.nodes()) {
            if (state.containsKey(start)) {
                continue;
            }
            ArrayDeque<Node> path = new ArrayDeque<>();
            ArrayDeque<Iterator<Node>> iters = new ArrayDeque<>();
            state.put(start, 1);
            path.push(start);
            iters.push(start.valueDependencies().iterator());
            while (!iters.isEmpty()) {
                Iterator<Node> it = iters.peek();
                if (!it.hasNext()) {
                    iters.pop();
                    state.put(path.pop(), 2);
                    continue;
                }
                Node next = it.next();
                Integer s = state.get(next);
                if (s == null) {
                    state.put(next, 1);
                    path.push(next);
                    iters.push(next.valueDependencies().iterator());
                } else if (s == 1) {
                    List<String> names = new ArrayList<>();
                    for (Iterator<Node> d = path.descendingIterator(); d.hasNext(); ) {
                        names.add(d.next().name());
                    }
                    int from = names.indexOf(next.name());
                    List<String> cycle = new ArrayList<>(names.subList(Math.max(0, from), names.size()));
                    cycle.add(next.name());
                    ctx.problem(next.name(), Reason.CYCLE, "reference cycle: " + String.join(" -> ", cycle));
                    // Lenient mode: record once and keep going; the run-time guard still protects reads.
                    state.put(next, 2);
                }
            }
        }
    }
}
