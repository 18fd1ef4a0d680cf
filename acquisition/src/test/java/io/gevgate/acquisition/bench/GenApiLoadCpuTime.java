package io.gevgate.acquisition.bench;

import io.gevgate.acquisition.genapi.LargeXml;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.xml.LoadLimits;
import io.gevgate.acquisition.genapi.xml.SecureXmlReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Companion of {@link GenApiLoadBenchmark} for a shared, overloaded build machine: JMH's
 * wall-clock averages there mostly measure waiting for a core, so this measures the loading
 * thread's CPU time (median of 30 runs after 15 warm-up runs) for the same operations and
 * writes a table and JSON ({@code bench/results/genapi-load-cpu.json}). GC threads are not
 * counted. Not a test; run by {@code bench/genapi-load.sh}.
 */
public final class GenApiLoadCpuTime {

    private static final int WARMUP = 15;
    private static final int RUNS = 30;

    private GenApiLoadCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/genapi-load-cpu.json");
        byte[] large = LargeXml.generate(1 << 20).getBytes(StandardCharsets.UTF_8);
        byte[] aravis;
        try (InputStream in = GenApiLoadCpuTime.class.getResourceAsStream("/genapi/aravis-fake-camera.xml")) {
            aravis = in.readAllBytes();
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("parseOnly1MB", median(() -> new SecureXmlReader(LoadLimits.DEFAULT).read(large)));
        medians.put("loadAndLink1MB", median(() -> NodeMap.load(large)));
        medians.put("loadAndLinkAravisFakeCamera", median(() -> NodeMap.load(aravis)));
        int nodes = NodeMap.load(large).nodes().size();

        System.out.printf("GenApi load, thread CPU time (median of %d), 1 MB document = %d bytes, %d nodes%n",
                RUNS, large.length, nodes);
        System.out.printf("%-32s %10s%n", "operation", "cpu ms/op");
        StringBuilder json = new StringBuilder("{\n  \"unit\": \"ms thread-cpu per op (median)\",\n  \"runs\": " + RUNS
                + ",\n  \"documentBytes\": " + large.length + ",\n  \"nodes\": " + nodes + ",\n  \"results\": {");
        String sep = "\n";
        for (Map.Entry<String, Double> e : medians.entrySet()) {
            System.out.printf("%-32s %10.2f%n", e.getKey(), e.getValue());
            json.append(sep).append("    \"").append(e.getKey()).append("\": ").append(String.format("%.3f", e.getValue()));
            sep = ",\n";
        }
        double ratio = medians.get("loadAndLink1MB") / medians.get("parseOnly1MB");
        System.out.printf("load+link / parse-only (same run): %.2fx%n", ratio);
        json.append("\n  },\n  \"loadOverParseRatio\": ").append(String.format("%.3f", ratio)).append("\n}\n");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.println("results: " + out);
    }

    private static double median(Runnable op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            op.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            op.run();
            ms[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }
}
