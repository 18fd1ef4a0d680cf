package io.gevgate.bridge.cli;

import io.gevgate.acquisition.gvcp.Bootstrap;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.xml.GenICamXml;
import io.gevgate.acquisition.gvcp.xml.GenICamXmlLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gevgate xml}: downloads the device's GenICam XML (unzipped) to stdout or a file. */
@Command(name = "xml", mixinStandardHelpOptions = true, description = "Download the device's GenICam XML.")
public final class XmlCommand implements Callable<Integer> {

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Option(names = "--out", description = "Write the XML to this file instead of stdout.")
    Path out;

    @Option(names = "--allow-http", description = "Allow fetching an http(s) XML URL.")
    boolean allowHttp;

    @Override
    public Integer call() {
        GenICamXml xml;
        try (GvcpClient client = GvcpClient.open(new InetSocketAddress(device.inet(), 3956), device.clientOptions())) {
            Bootstrap boot = new Bootstrap(client);
            GenICamXmlLoader.Limits d = GenICamXmlLoader.Limits.defaults();
            xml = new GenICamXmlLoader(client::readMemory, new GenICamXmlLoader.Limits(d.maxXmlBytes(), d.maxRatio(), allowHttp))
                    .load(boot.firstUrl(), boot.secondUrl());
        } catch (RuntimeException e) {
            throw GvcpErrors.toCli(e);
        }
        if (out != null) {
            try {
                Files.write(out, xml.xml());
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILURE, "cannot write " + out + ": " + e.getMessage());
            }
            System.err.printf("gevgate: %s (%d bytes%s%s) -> %s%n", xml.fileName(), xml.xml().length,
                    xml.zipped() ? ", unzipped" : "", xml.sha1Verified() ? ", SHA-1 ok" : "", out);
        } else {
            System.out.write(xml.xml(), 0, xml.xml().length);
            System.out.flush();
        }
        return ExitCodes.OK;
    }
}
