package io.gevgate.acquisition.bench;

import io.gevgate.acquisition.genapi.LargeXml;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import io.gevgate.acquisition.genapi.xml.LoadLimits;
import io.gevgate.acquisition.genapi.xml.SecureXmlReader;
import io.gevgate.acquisition.genapi.xml.XmlElement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load + link time of GenICam XML: a generated ~1 MB document (no large public sample is
 * redistributable) and Aravis's fake-camera XML; the XML parse alone is measured as the
 * baseline the engine's own work adds to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GenApiLoadBenchmark {

    private byte[] large;
    private byte[] aravis;

    @Setup
    public void setup() throws IOException {
        large = LargeXml.generate(1 << 20).getBytes(StandardCharsets.UTF_8);
        try (InputStream in = GenApiLoadBenchmark.class.getResourceAsStream("/genapi/aravis-fake-camera.xml")) {
            aravis = in.readAllBytes();
        }
    }

    /** Secure DOM parse + conversion only: the floor under load+link. */
    @Benchmark
    public XmlElement parseOnly1MB() {
        return new SecureXmlReader(LoadLimits.DEFAULT).read(large);
    }

    /** Parse, build every node, resolve references, check value cycles. */
    @Benchmark
    public NodeMap loadAndLink1MB() {
        return NodeMap.load(large);
    }

    @Benchmark
    public NodeMap loadAndLinkAravisFakeCamera() {
        return NodeMap.load(aravis);
    }

    /** Load the fake camera XML and evaluate every node over a memory port (registers zero). */
    @Benchmark
    public int loadAndEvaluateAllAravisFakeCamera() {
        NodeMap m = NodeMap.load(aravis);
        m.bindDevicePort(new MemoryPort());
        return m.evaluateAll().size();
    }
}
