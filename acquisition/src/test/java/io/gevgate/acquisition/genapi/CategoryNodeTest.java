package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.node.Visibility;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class CategoryNodeTest {

    static final String BODY = "<Category Name=\"Root\"><pFeature>Basic</pFeature><pFeature>Deep</pFeature>"
            + "<pFeature>Ghost</pFeature></Category>"
            + "<Category Name=\"Basic\"><pFeature>A</pFeature><pFeature>B</pFeature><pFeature>C</pFeature>"
            + "<pFeature>Hidden</pFeature><pFeature>Gone</pFeature></Category>"
            + "<Category Name=\"Deep\"><Visibility>Guru</Visibility><pFeature>Root</pFeature><pFeature>A</pFeature></Category>"
            + "<Integer Name=\"A\"><Value>1</Value></Integer>"
            + "<Integer Name=\"B\"><Visibility>Expert</Visibility><Value>1</Value></Integer>"
            + "<Integer Name=\"C\"><Visibility>Guru</Visibility><Value>1</Value></Integer>"
            + "<Integer Name=\"Hidden\"><Visibility>Invisible</Visibility><Value>1</Value></Integer>"
            + "<Integer Name=\"Gone\"><pIsImplemented>No</pIsImplemented><Value>1</Value></Integer>"
            + "<Integer Name=\"No\"><Value>0</Value></Integer>";

    @Test
    void visibilityFilteringAndNotImplementedFeaturesAreHidden() {
        NodeMap m = Xml.load(BODY, new MemoryPort());
        assertThat(m.categoryTree(Visibility.BEGINNER).subcategories()).singleElement()
                .satisfies(c -> assertThat(c.features()).containsExactly("A"));
        assertThat(m.categoryTree(Visibility.EXPERT).subcategories().getFirst().features()).containsExactly("A", "B");
        CategoryTree guru = m.categoryTree(Visibility.GURU);
        assertThat(guru.subcategories()).extracting(CategoryTree::name).containsExactly("Basic", "Deep");
        assertThat(guru.subcategories().getFirst().features()).containsExactly("A", "B", "C");
        assertThat(guru.subcategories().get(1).subcategories()).as("Root inside Deep is not expanded again").isEmpty();
        assertThat(m.categoryTree(Visibility.INVISIBLE).subcategories().getFirst().features()).contains("Hidden");
    }

    @Test
    void danglingFeatureIsAWarningNotAnError() {
        NodeMap m = Xml.load(BODY, new MemoryPort());
        assertThat(m.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.DANGLING_REFERENCE);
            assertThat(d.message()).contains("Ghost");
        });
    }
}
