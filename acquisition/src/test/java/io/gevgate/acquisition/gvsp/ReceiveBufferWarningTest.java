package io.gevgate.acquisition.gvsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** A receive buffer the kernel will not grant is reported with the sysctl that fixes it. */
@Timeout(20)
class ReceiveBufferWarningTest {
    @Test
    void cappedReceiveBufferLogsTheSysctl() throws Exception {
        // System.Logger routes to java.util.logging when no other backend is installed
        Logger jul = Logger.getLogger(GvspReceiver.class.getName());
        List<String> messages = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                messages.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        // More than any kernel grants: SO_RCVBUFFORCE stops at INT_MAX/2, SO_RCVBUF at rmem_max.
        GvspReceiverConfig cfg = new GvspReceiverConfig().bindAddress("127.0.0.91").frameBufferBytes(4096)
                .frameBufferCount(1).receiveBufferBytes(Integer.MAX_VALUE);
        try (GvspReceiver r = GvspReceiver.start(cfg)) {
            assertThat(r.receiveBufferBytes()).isLessThan(Integer.MAX_VALUE);
        } finally {
            jul.removeHandler(h);
        }
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("receive buffer capped").contains("sysctl -w net.core.rmem_max=" + Integer.MAX_VALUE));
    }
}
