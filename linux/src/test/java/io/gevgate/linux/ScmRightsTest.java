package io.gevgate.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

class ScmRightsTest {
    @Test
    void parsesTwoControlMessagesAndSkipsOtherTypes() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment c = a.allocate(64, 8);
            c.set(JAVA_LONG, 0, 20);            // SCM_RIGHTS with one fd, padded to 24
            c.set(JAVA_INT, 8, Libc.SOL_SOCKET);
            c.set(JAVA_INT, 12, Libc.SCM_RIGHTS);
            c.set(JAVA_INT, 16, 42);
            c.set(JAVA_LONG, 24, 20);           // another type: ignored
            c.set(JAVA_INT, 32, Libc.SOL_SOCKET);
            c.set(JAVA_INT, 36, 2);
            c.set(JAVA_INT, 40, 99);
            assertThat(ScmRights.parseRights(c, 48)).containsExactly(42);
        }
    }

    @Test
    void stopsAtACorruptLength() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment c = a.allocate(32, 8);
            c.set(JAVA_LONG, 0, 1000);   // longer than the buffer
            c.set(JAVA_INT, 8, Libc.SOL_SOCKET);
            c.set(JAVA_INT, 12, Libc.SCM_RIGHTS);
            assertThat(ScmRights.parseRights(c, 32)).isEmpty();
            c.set(JAVA_LONG, 0, 3);      // shorter than a header
            assertThat(ScmRights.parseRights(c, 32)).isEmpty();
        }
    }
}
