package io.gevgate.acquisition.genapi;

import java.util.List;

/** A category with the features and sub-categories visible at the requested level. */
public record CategoryTree(String name, String displayName, List<String> features, List<CategoryTree> subcategories) {

    public CategoryTree {
        features = List.copyOf(features);
        subcategories = List.copyOf(subcategories);
    }
}
