package io.gevgate.acquisition.gvcp;

import java.net.InetSocketAddress;

/** One event a device sent on its message channel (EVENT_CMD record or EVENTDATA_CMD). */
public record DeviceEvent(int eventId, int streamChannel, long blockId, long timestamp, byte[] data,
                          InetSocketAddress source) {
}
