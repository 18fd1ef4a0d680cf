package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.PortException;
import io.gevgate.acquisition.genapi.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * What every register node shares: the effective address (sum of {@code Address},
 * {@code pAddress}, inline {@code IntSwissKnife} and {@code pIndex * Offset} terms), the length,
 * the port, access mode, endianness, sign, and the cache (keyed by effective address, so a
 * selector that moves the address never returns another selector's value).
 */
public abstract class RegisterBase extends Node implements RegisterFeature {

    /** Registers longer than this are refused: a GenICam register is a few KiB at most. */
    public static final int MAX_LENGTH = 1 << 20;

    private final List<Long> constantAddresses = new ArrayList<>();
    private final List<Ref> addressRefs = new ArrayList<>();
    private final List<Ref> indexRefs = new ArrayList<>();
    private final List<Object> indexOffsets = new ArrayList<>(); // Long or Ref per pIndex
    private final List<XmlElement> inlineAddressFormulas = new ArrayList<>();
    private final Long lengthConstant;
    private final Ref pLength;
    private final Ref pPort;
    private final AccessMode access;
    private final CachingMode caching;
    private final long pollingMillis;
    protected final boolean littleEndian;
    protected final boolean signed;
    /** Addresses this node put into its port's cache (selectors may move it), for invalidation. */
    private final java.util.Set<Long> cachedAddresses = new java.util.HashSet<>();

    // Only the final ref() runs on "this" during construction: it records a name to resolve later.
    @SuppressWarnings("this-escape")
    protected RegisterBase(NodeDef d) {
        super(d);
        for (String a : d.texts("Address")) {
            constantAddresses.add(d.parseInteger(a, "Address"));
        }
        for (String a : d.texts("pAddress")) {
            addressRefs.add(ref(a, "pAddress"));
        }
        // An address term may be an anonymous IntSwissKnife; the loader builds it under a derived name.
        List<XmlElement> inline = d.all("IntSwissKnife");
        for (int i = 0; i < inline.size(); i++) {
            inlineAddressFormulas.add(inline.get(i));
            addressRefs.add(ref(d.name() + "#Address" + i, "IntSwissKnife"));
        }
        for (XmlElement e : d.all("pIndex")) {
            indexRefs.add(ref(e.text(), "pIndex"));
            String off = e.attribute("Offset");
            String pOff = e.attribute("pOffset");
            indexOffsets.add(pOff != null ? ref(pOff, "pOffset") : off != null ? (Object) d.parseInteger(off, "pIndex Offset") : null);
        }
        this.lengthConstant = d.integer("Length");
        this.pLength = optionalRef(d, "pLength");
        if (lengthConstant == null && pLength == null) {
            throw d.malformed("needs <Length> or <pLength>");
        }
        if (constantAddresses.isEmpty() && addressRefs.isEmpty()) {
            throw d.malformed("needs <Address>, <pAddress> or an address <IntSwissKnife>");
        }
        this.pPort = optionalRef(d, "pPort");
        if (pPort == null) {
            throw d.malformed("needs <pPort>");
        }
        this.access = parseOr(d, "AccessMode", AccessMode::parse, AccessMode.RO);
        this.caching = parseOr(d, "Cachable", CachingMode::parse, CachingMode.WRITE_THROUGH);
        this.pollingMillis = d.integer("PollingTime", 0);
        String endian = d.text("Endianess");
        this.littleEndian = endian == null || endian.strip().equals("LittleEndian");
        if (endian != null && !littleEndian && !endian.strip().equals("BigEndian")) {
            throw d.malformed("<Endianess> must be LittleEndian or BigEndian, found " + endian);
        }
        String sign = d.text("Sign");
        this.signed = sign != null && sign.strip().equals("Signed");
        if (sign != null && !signed && !sign.strip().equals("Unsigned")) {
            throw d.malformed("<Sign> must be Signed or Unsigned, found " + sign);
        }
    }

    public final String inlineAddressName(int i) {
        return name() + "#Address" + i;
    }

    /** Anonymous address formulas for the loader to build as IntSwissKnife nodes. */
    public final List<XmlElement> inlineAddressFormulas() {
        return List.copyOf(inlineAddressFormulas);
    }

    public final PortNode portNode() {
        return pPort.target() instanceof PortNode p ? p : null;
    }

    @Override
    void link(NodeContext context) {
        super.link(context);
        if (pPort.target() != null && !(pPort.target() instanceof PortNode)) {
            context.problem(name(), Reason.TYPE_MISMATCH, "pPort names " + pPort.target() + ", not a Port");
        }
    }

    @Override
    protected List<Node> valueDependencies() {
        List<Node> out = new ArrayList<>(targets(addressRefs));
        out.addAll(targets(indexRefs));
        if (pLength != null && pLength.target() != null) {
            out.add(pLength.target());
        }
        if (pPort.target() != null) {
            out.add(pPort.target());
        }
        return out;
    }

    @Override
    protected AccessMode baseAccess() {
        return access;
    }

    public final CachingMode caching() {
        return caching;
    }

    public final long pollingMillis() {
        return pollingMillis;
    }

    public final boolean isLittleEndian() {
        return littleEndian;
    }

    public final boolean isSigned() {
        return signed;
    }

    @Override
    public long address() {
        long a = 0;
        for (long c : constantAddresses) {
            a += c;
        }
        for (Ref r : addressRefs) {
            a += num(r).asLong();
        }
        for (int i = 0; i < indexRefs.size(); i++) {
            long idx = num(indexRefs.get(i)).asLong();
            Object off = indexOffsets.get(i);
            long offset = off == null ? length() : off instanceof Ref r ? num(r).asLong() : (Long) off;
            a += idx * offset;
        }
        return a;
    }

    @Override
    public int length() {
        long len = pLength != null ? num(pLength).asLong() : lengthConstant;
        if (len <= 0 || len > MAX_LENGTH) {
            throw error(Reason.INVALID_VALUE, "register length " + len + " outside 1.." + MAX_LENGTH);
        }
        return (int) len;
    }

    private io.gevgate.acquisition.genapi.port.Port port() {
        PortNode p = portNode();
        if (p == null) {
            throw error(Reason.DANGLING_REFERENCE, "pPort " + pPort.targetName() + " is not a Port node");
        }
        return p.port(this);
    }

    private RegisterCache cache() {
        PortNode p = portNode();
        return p == null ? null : p.cache();
    }

    /** Raw bytes of the register, from the port's cache when it is valid. */
    protected final byte[] readRaw() {
        long addr = address();
        int len = length();
        RegisterCache cache = caching == CachingMode.NO_CACHE ? null : cache();
        if (cache != null) {
            byte[] hit = cache.get(addr, len, pollingMillis, ctx.nowMillis());
            if (hit != null) {
                return hit;
            }
        } else if (ctx.snapshotActive() && portNode() != null) {
            byte[] hit = portNode().snapshot().get(addr, len, 0, ctx.nowMillis());
            if (hit != null) {
                return hit;
            }
        }
        byte[] data;
        try {
            data = port().read(addr, len);
        } catch (PortException e) {
            throw new GenApiException(name(), Reason.PORT_ERROR, e.getMessage(), e);
        }
        if (data == null || data.length != len) {
            throw error(Reason.PORT_ERROR, String.format("port returned %d bytes for a %d-byte read at 0x%X",
                    data == null ? 0 : data.length, len, addr));
        }
        if (cache != null) {
            cache.put(addr, data, ctx.nowMillis());
            cachedAddresses.add(addr);
        }
        return data;
    }

    protected final void writeRaw(byte[] data) {
        long addr = address();
        int len = length();
        if (data.length != len) {
            throw error(Reason.INVALID_VALUE, "needs exactly " + len + " bytes, got " + data.length);
        }
        RegisterCache cache = cache();
        if (portNode() != null) {
            portNode().snapshot().forgetOverlapping(addr, len);
        }
        try {
            port().write(addr, data);
        } catch (PortException e) {
            throw new GenApiException(name(), Reason.PORT_ERROR, e.getMessage(), e);
        } finally {
            // Whatever happened on the wire, cached bytes of this range can no longer be trusted.
            if (cache != null) {
                cache.forgetOverlapping(addr, len);
            }
        }
        if (cache != null && caching == CachingMode.WRITE_THROUGH) {
            cache.put(addr, data, ctx.nowMillis());
            cachedAddresses.add(addr);
        }
    }

    /** True when the current address's value is cached and fresh (batched prefetch skips those). */
    public final boolean isCached(long addr) {
        RegisterCache cache = cache();
        if (cache != null && caching == CachingMode.NO_CACHE) {
            return ctx.snapshotActive() && portNode().snapshot().get(addr, length(), 0, ctx.nowMillis()) != null;
        }
        return cache != null && cache.get(addr, length(), pollingMillis, ctx.nowMillis()) != null;
    }

    /** Stores a value fetched by a batched read. */
    public final void prefill(long addr, byte[] data) {
        RegisterCache cache = cache();
        if (cache != null && caching != CachingMode.NO_CACHE) {
            cache.put(addr, data, ctx.nowMillis());
            cachedAddresses.add(addr);
        } else if (cache != null && ctx.snapshotActive()) {
            portNode().snapshot().put(addr, data, ctx.nowMillis());
        }
    }

    /** Forgets every value this register cached (at any of its selector-dependent addresses). */
    public final void clearCache() {
        RegisterCache cache = cache();
        if (cache != null) {
            for (long a : cachedAddresses) {
                cache.remove(a);
            }
        }
        cachedAddresses.clear();
    }

    @Override
    void invalidate(java.util.Set<Node> seen) {
        if (seen.add(this)) {
            clearCache();
        }
    }

    @Override
    public byte[] getBytes() {
        return ctxRead();
    }

    private byte[] ctxRead() {
        ctx.enter(this, NodeContext.OP_VALUE);
        try {
            checkReadable();
            return readRaw();
        } finally {
            ctx.exit(this, NodeContext.OP_VALUE);
        }
    }

    @Override
    public void setBytes(byte[] bytes) {
        ctx.enter(this, NodeContext.OP_WRITE);
        try {
            checkWritable();
            writeRaw(bytes);
        } finally {
            ctx.exit(this, NodeContext.OP_WRITE);
        }
        ctx.written(this);
    }

    /** Unsigned integer of up to 8 bytes in this register's byte order. */
    protected final long bytesToLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < b.length; i++) {
            int idx = littleEndian ? b.length - 1 - i : i;
            v = (v << 8) | (b[idx] & 0xFF);
        }
        return v;
    }

    protected final byte[] longToBytes(long v, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            int shift = 8 * i;
            b[littleEndian ? i : len - 1 - i] = (byte) (v >>> shift);
        }
        return b;
    }

    protected final int integerLength() {
        int len = length();
        if (len > 8) {
            throw error(Reason.UNSUPPORTED, "integer register of " + len + " bytes (at most 8)");
        }
        return len;
    }
}
