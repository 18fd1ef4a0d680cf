package io.gevgate.acquisition.gvcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void wrapsPastZero() {
        RequestIds ids = new RequestIds(0xFFFE);
        assertThat(ids.next()).isEqualTo(0xFFFF);
        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
    }

    @Test
    void concurrentCallersNeverShareAnId() {
        RequestIds ids = new RequestIds(1);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 60_000).parallel().forEach(i -> assertThat(seen.add(ids.next())).isTrue());
        assertThat(seen).hasSize(60_000).doesNotContain(0);
    }
}
