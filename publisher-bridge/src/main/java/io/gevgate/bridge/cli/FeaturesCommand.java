package io.gevgate.bridge.cli;

import io.gevgate.acquisition.genapi.CategoryTree;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.node.CommandNode;
import io.gevgate.acquisition.genapi.node.Visibility;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gevgate features [--tree] [--visibility LEVEL] --address IP}: every feature under the Root
 * category with its current value, flat (one {@code Name = value} line each) or as the category tree.
 * Registers are fetched in batched READREGs where the device allows. A feature that cannot be read
 * is listed with its error and makes the exit status 1.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "List the device's features and their values (from its GenICam XML).")
public final class FeaturesCommand implements Callable<Integer> {

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Option(names = "--tree", description = "Print the category tree (indented) instead of a flat list.")
    boolean tree;

    @Option(names = "--visibility", defaultValue = "beginner", paramLabel = "LEVEL",
            description = "beginner, expert, guru or invisible: hide features above this level (default ${DEFAULT-VALUE}).")
    String visibility;

    private int failures;

    @Override
    public Integer call() {
        Visibility level;
        try {
            level = Visibility.parse(visibility);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--visibility: expected beginner, expert, guru or invisible, got '" + visibility + "'");
        }
        return FeatureSession.run(device, cam -> {
            NodeMap map = cam.nodeMap();
            CategoryTree root = map.categoryTree(level);
            PrintStream out = System.out;
            // One read pass: registers batched (READREG with many addresses where the device allows).
            map.withSnapshot(map.nodes(), () -> {
                if (tree) {
                    printTree(map, root, 0, out);
                } else {
                    Set<String> seen = new LinkedHashSet<>();
                    collect(root, seen);
                    for (String name : seen) {
                        out.println(name + " = " + value(map, name));
                    }
                }
                return null;
            });
            if (failures > 0) {
                System.err.println("gevgate: " + failures + " feature(s) could not be read");
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        });
    }

    private static void collect(CategoryTree c, Set<String> into) {
        into.addAll(c.features());
        for (CategoryTree sub : c.subcategories()) {
            collect(sub, into);
        }
    }

    private void printTree(NodeMap map, CategoryTree c, int depth, PrintStream out) {
        String indent = "  ".repeat(depth);
        out.println(indent + c.name() + "/");
        for (String f : c.features()) {
            out.println(indent + "  " + f + " = " + value(map, f));
        }
        for (CategoryTree sub : c.subcategories()) {
            printTree(map, sub, depth + 1, out);
        }
    }

    private String value(NodeMap map, String name) {
        try {
            AccessMode a = map.accessMode(name);
            boolean command = map.node(name) instanceof CommandNode;
            return switch (a) {
                case WO, RW, RO -> command ? "(command)" : a == AccessMode.WO ? "(write-only)"
                        : map.get(name) + (a == AccessMode.RO ? " (read-only)" : "");
                case NA -> "(not available)";
                case NI -> "(not implemented)";
            };
        } catch (GenApiException e) {
            failures++;
            return "<error: " + e.getMessage() + ">";
        }
    }
}
