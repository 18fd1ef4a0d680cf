package io.gevgate.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.viewer.image.ArgbImage;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PixelReadoutTest {

    @Test
    void greyPixelsShowOneValueColourPixelsThree() {
        ArgbImage img = new ArgbImage(2, 1, new int[] {0xFF404040, 0xFF0A141E}, 0, "t");
        assertThat(PreviewPane.describe(img, 0, 0)).isEqualTo("(0, 0)  64");
        assertThat(PreviewPane.describe(img, 1, 0)).isEqualTo("(1, 0)  R 10  G 20  B 30");
    }

    @Test
    void errorsBecomeOneLineWithoutWrapperNoise() {
        var wrapped = new CompletionException(new IllegalStateException("Width: 322 is off the increment 4\nmore"));
        assertThat(Errors.oneLine(wrapped)).isEqualTo("Width: 322 is off the increment 4");
        assertThat(Errors.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void themesParseAndHaveStylesheets() {
        assertThat(Theme.parse(" Dark ")).isEqualTo(Theme.DARK);
        assertThat(Theme.LIGHT.stylesheetUrl()).endsWith("light.css");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Theme.parse("blue"))
                .hasMessageContaining("expected dark or light");
    }
}
