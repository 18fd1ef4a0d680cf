package io.gevgate.acquisition.genapi;

/** Generates a realistic GenICam document of about the requested size (for limits tests and the benchmark). */
public final class LargeXml {

    private LargeXml() {
    }

    public static String generate(int targetBytes) {
        StringBuilder sb = new StringBuilder(targetBytes + 4096);
        sb.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<RegisterDescription ModelName=\"Big\" VendorName=\"gevgate\""
                + " SchemaMajorVersion=\"1\" SchemaMinorVersion=\"1\" SchemaSubMinorVersion=\"0\""
                + " xmlns=\"http://www.genicam.org/GenApi/Version_1_1\">\n<Port Name=\"Device\"/>\n");
        StringBuilder root = new StringBuilder("<Category Name=\"Root\">");
        int i = 0;
        while (sb.length() < targetBytes) {
            String f = "F" + i;
            root.append("<pFeature>").append(f).append("</pFeature>");
            sb.append("<Integer Name=\"").append(f).append("\"><DisplayName>Feature ").append(i)
                    .append("</DisplayName><ToolTip>A generated feature for load tests.</ToolTip>")
                    .append("<pValue>").append(f).append("Reg</pValue><Min>0</Min><pMax>").append(f).append("Max</pMax><Inc>1</Inc></Integer>\n")
                    .append("<IntReg Name=\"").append(f).append("Reg\"><Address>0x").append(Integer.toHexString(0x10000 + 4 * i))
                    .append("</Address><Length>4</Length><AccessMode>RW</AccessMode><pPort>Device</pPort>")
                    .append("<Sign>Unsigned</Sign><Endianess>BigEndian</Endianess></IntReg>\n")
                    .append("<IntSwissKnife Name=\"").append(f).append("Max\"><pVariable Name=\"R\">").append(f)
                    .append("Reg</pVariable><Formula>(R &amp; 0xFF) * 4 + 1024</Formula></IntSwissKnife>\n")
                    .append("<Enumeration Name=\"").append(f).append("Mode\"><EnumEntry Name=\"Off\"><Value>0</Value></EnumEntry>")
                    .append("<EnumEntry Name=\"On\"><Value>1</Value></EnumEntry><pValue>").append(f).append("Reg</pValue></Enumeration>\n");
            i++;
        }
        root.append("</Category>\n");
        sb.append(root).append("</RegisterDescription>\n");
        return sb.toString();
    }
}
