package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import java.nio.charset.StandardCharsets;

/** {@code <StringReg>}: a NUL-padded text register (ASCII in practice; decoded as UTF-8). */
public final class StringRegNode extends RegisterBase implements StringFeature {

    public StringRegNode(NodeDef d) {
        super(d);
    }

    @Override
    public String getValue() {
        byte[] b = getBytes();
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public void setValue(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        int len = length();
        if (text.length > len) {
            throw error(Reason.INVALID_VALUE, "text of " + text.length + " bytes does not fit " + len + " bytes");
        }
        byte[] padded = new byte[len];
        System.arraycopy(text, 0, padded, 0, text.length);
        setBytes(padded);
    }

    @Override
    public long maxLength() {
        return length();
    }
}
