package io.gevgate.linux.verbs;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerbsStateAndLoadTest {
    @Test
    void theReceiveOnlyPathIsTheOnlyWayToRunning() {
        VerbsState s = VerbsState.CLOSED;
        for (VerbsState t : List.of(VerbsState.DEVICE_OPEN, VerbsState.RESOURCES, VerbsState.MEMORY_REGISTERED,
                VerbsState.MEMORY_REGISTERED, VerbsState.QP_RESET, VerbsState.QP_INIT, VerbsState.RECEIVES_POSTED,
                VerbsState.QP_RTR, VerbsState.RUNNING, VerbsState.CLOSED)) {
            s = s.to(t);
        }
        assertThat(s).isEqualTo(VerbsState.CLOSED);
        assertThatThrownBy(() -> VerbsState.QP_INIT.to(VerbsState.QP_RTR)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QP_INIT").hasMessageContaining("QP_RTR");
        assertThatThrownBy(() -> VerbsState.RESOURCES.to(VerbsState.QP_RESET)).as("a QP needs registered memory")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> VerbsState.CLOSED.to(VerbsState.RUNNING)).isInstanceOf(IllegalStateException.class);
        for (VerbsState v : VerbsState.values()) {
            if (v != VerbsState.CLOSED) {
                assertThat(v.next()).as("%s can always be closed", v).contains(VerbsState.CLOSED);
            }
        }
    }

    /** On a host without RDMA hardware the binding loads (or not) and says "no RDMA device" clearly. */
    @Test
    void withoutADeviceTheAnswerIsNoRdmaDevice() throws Exception {
        List<String> names;
        try {
            names = IbVerbs.load().deviceNames();
        } catch (RdmaUnavailableException e) {
            System.out.println(e.getMessage());
            assertThat(e.getMessage()).startsWith("no RDMA device: ");
            assertThatThrownBy(() -> VerbsSession.open(null, 1, 16)).isInstanceOf(RdmaUnavailableException.class)
                    .hasMessageStartingWith("no RDMA device: ");
            return;
        }
        System.out.println("RDMA devices present: " + names + " (the no-device check does not apply)");
        assertThat(names).isNotEmpty();
    }

    @Test
    void ipv4MappedGidRecognition() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment gid = a.allocate(16);
            gid.set(ValueLayout.JAVA_BYTE, 10, (byte) 0xFF);
            gid.set(ValueLayout.JAVA_BYTE, 11, (byte) 0xFF);
            gid.set(ValueLayout.JAVA_BYTE, 12, (byte) 192);
            gid.set(ValueLayout.JAVA_BYTE, 13, (byte) 168);
            gid.set(ValueLayout.JAVA_BYTE, 14, (byte) 1);
            gid.set(ValueLayout.JAVA_BYTE, 15, (byte) 7);
            assertThat(VerbsSession.isIpv4Mapped(gid, 0xC0A80107)).isTrue();
            assertThat(VerbsSession.isIpv4Mapped(gid, 0xC0A80108)).isFalse();
            gid.set(ValueLayout.JAVA_BYTE, 0, (byte) 0xFE); // a link-local IPv6 GID
            assertThat(VerbsSession.isIpv4Mapped(gid, 0xC0A80107)).isFalse();
        }
    }
}
