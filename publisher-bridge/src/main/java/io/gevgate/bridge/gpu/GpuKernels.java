package io.gevgate.bridge.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The conversion kernels' CUDA C source (resource {@code conversions.cu}) and the CUBIN for a
 * device: from the {@link CubinCache} when the key matches, else compiled by NVRTC and stored.
 */
public final class GpuKernels {

    static final String SOURCE_NAME = "conversions";
    private static final String RESOURCE = "conversions.cu";
    private static final String[] OPTIONS = {"--std=c++17"};

    private static volatile String source;

    private GpuKernels() {
    }

    /** The kernel source text. */
    public static String source() {
        String s = source;
        if (s == null) {
            try (InputStream in = GpuKernels.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource io/gevgate/bridge/gpu/" + RESOURCE + " missing from the jar");
                }
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = s;
        }
        return s;
    }

    /** SHA-256 (hex) of source, architecture, NVRTC version and options: the cache key. */
    static String key(String arch, String nvrtcVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source().getBytes(StandardCharsets.UTF_8));
            sha.update(("\0" + arch + "\0" + nvrtcVersion + "\0" + String.join(" ", OPTIONS))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CUBIN and where it came from (for the start-up log line). */
    public record Cubin(byte[] bytes, String arch, String nvrtcVersion, boolean fromCache, long compileNanos,
                        String cacheFile) {
    }

    /** The CUBIN for {@code arch}: cached, or compiled now (and cached when the cache is writable). */
    public static Cubin cubinFor(String arch, CubinCache cache) {
        String nvrtc = NvrtcCompiler.version();
        String file = CubinCache.fileName(SOURCE_NAME, arch, nvrtc, key(arch, nvrtc));
        var cached = cache.read(file);
        if (cached.isPresent()) {
            return new Cubin(cached.get(), arch, nvrtc, true, 0, cache.directory().resolve(file).toString());
        }
        long start = System.nanoTime();
        byte[] cubin = NvrtcCompiler.compileCubin(source(), RESOURCE, arch, OPTIONS);
        long took = System.nanoTime() - start;
        boolean stored = cache.write(file, cubin);
        return new Cubin(cubin, arch, nvrtc, false, took,
                stored ? cache.directory().resolve(file).toString() : "(cache not writable)");
    }
}
