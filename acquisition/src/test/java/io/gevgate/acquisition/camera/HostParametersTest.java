package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.roce.RdmaEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host parameters: defaults, parsing, ranges, and the one-line errors that name what is allowed. */
class HostParametersTest {
    @Test
    void defaultsAndRoundTrip() {
        HostParameters p = new HostParameters();
        assertThat(p.useRdma()).isFalse();
        assertThat(p.rdmaEngine()).isEqualTo(RdmaEngine.AUTO);
        assertThat(p.rdmaFrameTimeout()).isEqualTo(Duration.ofMillis(200));
        p.set("UseRdma", "on");
        p.set("RdmaFrameTimeout", " 5000 ");
        p.set("RdmaPathMtu", "4096");
        assertThat(p.useRdma()).isTrue();
        assertThat(p.rdmaFrameTimeout()).isEqualTo(Duration.ofSeconds(5));
        for (String name : HostParameters.NAMES) {
            String v = p.get(name);
            p.set(name, v); // what get() prints, set() takes back
            assertThat(p.get(name)).as(name).isEqualTo(v);
        }
        assertThat(HostParameters.isHostParameter("RdmaFrameTimeout")).isTrue();
        assertThat(HostParameters.isHostParameter("ExposureTime")).isFalse();
    }

    @Test
    void outOfRangeAndMalformedValuesAreRefusedWithTheRange() {
        HostParameters p = new HostParameters();
        assertThatThrownBy(() -> p.set("RdmaFrameTimeout", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RdmaFrameTimeout must be 1..60000, got 0");
        assertThatThrownBy(() -> p.set("RdmaFrameTimeout", "60001")).hasMessageContaining("1..60000");
        assertThatThrownBy(() -> p.set("RdmaFrameTimeout", "2s")).hasMessageContaining("integer 1..60000, got '2s'");
        assertThatThrownBy(() -> p.set("RdmaPathMtu", "1000")).hasMessageContaining("256, 512, 1024, 2048 or 4096");
        assertThatThrownBy(() -> p.set("UseRdma", "yes")).hasMessageContaining("must be 1 or 0");
        assertThatThrownBy(() -> p.set("Nope", "1")).hasMessageContaining("not a host parameter: Nope");
        assertThat(p.rdmaFrameTimeout()).as("a refused value changes nothing").isEqualTo(Duration.ofMillis(200));
    }
}
