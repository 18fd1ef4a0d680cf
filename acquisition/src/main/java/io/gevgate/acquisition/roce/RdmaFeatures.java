package io.gevgate.acquisition.roce;

/**
 * GenICam feature names of the RDMA streaming profile (device side). Flow-indexed features are
 * selected by {@link #FLOW_SELECTOR}. Documented in {@code docs/rdma-profile.md}.
 */
public final class RdmaFeatures {
    public static final String PROFILE_VERSION = "RdmaProfileVersion";
    public static final String ENABLE = "RdmaStreamEnable";
    public static final String QUEUE_PAIR = "RdmaDestinationQueuePair";
    public static final String DESTINATION_IP = "RdmaDestinationIPAddress";
    public static final String DESTINATION_PORT = "RdmaDestinationPort";
    public static final String SOURCE_PORT = "RdmaSourcePort";
    public static final String PATH_MTU = "RdmaPathMtu";
    public static final String PAGE_COUNT = "RdmaPageCount";
    public static final String FLOW_COUNT = "RdmaFlowCount";
    public static final String FLOW_SELECTOR = "RdmaFlowSelector";
    public static final String FLOW_REMOTE_KEY = "RdmaFlowRemoteKey";
    public static final String FLOW_BASE_ADDRESS = "RdmaFlowBaseAddress";
    public static final String FLOW_PAGE_SIZE = "RdmaFlowPageSize";
    public static final String FLOW_SIZE = "RdmaFlowSize";
    /** Host-side switch (the CVB convention): stream over RDMA when the device offers the profile. */
    public static final String USE_RDMA = "UseRdma";

    private RdmaFeatures() {
    }
}
