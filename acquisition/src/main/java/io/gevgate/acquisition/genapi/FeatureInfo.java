package io.gevgate.acquisition.genapi;

import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.node.Representation;
import io.gevgate.acquisition.genapi.node.Visibility;
import java.util.List;

/**
 * What a browser shows about a feature besides its value.
 *
 * @param kind            INTEGER, FLOAT, STRING, BOOLEAN, ENUMERATION, COMMAND, REGISTER, CATEGORY, PORT, OTHER
 * @param type            the XML node type (IntReg, Converter...)
 * @param access          effective access now
 * @param selectedFeatures for a selector, the features it selects
 * @param selectors       the selectors of this feature
 */
public record FeatureInfo(String name, String kind, String type, String displayName, String description,
                          String toolTip, String unit, Visibility visibility, AccessMode access,
                          Representation representation, boolean deprecated, boolean streamable,
                          List<String> selectedFeatures, List<String> selectors) {
}
