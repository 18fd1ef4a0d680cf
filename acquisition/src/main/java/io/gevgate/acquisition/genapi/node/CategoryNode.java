package io.gevgate.acquisition.genapi.node;

import java.util.ArrayList;
import java.util.List;

/** {@code <Category>}: a folder of features ({@code pFeature}) for browsing. */
public final class CategoryNode extends Node {

    private final List<Ref> features = new ArrayList<>();

    public CategoryNode(NodeDef d) {
        super(d);
        for (String f : d.texts("pFeature")) {
            features.add(ref(f, "pFeature"));
        }
    }

    /** The features (and sub-categories) listed, without the ones whose names dangle. */
    public List<Node> features() {
        return targets(features);
    }

    @Override
    protected AccessMode baseAccess() {
        return AccessMode.RO;
    }
}
