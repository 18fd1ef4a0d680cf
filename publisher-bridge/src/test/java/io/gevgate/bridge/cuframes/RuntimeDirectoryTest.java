package io.gevgate.bridge.cuframes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void explicitThenEnvironmentThenPreferred() {
        Path preferred = tmp.resolve("run-cuframes");
        assertThat(RuntimeDirectory.resolve(Path.of("/x"), Map.of(RuntimeDirectory.ENV, "/y"), preferred))
                .isEqualTo(Path.of("/x"));
        assertThat(RuntimeDirectory.resolve(null, Map.of(RuntimeDirectory.ENV, "/y"), preferred)).isEqualTo(Path.of("/y"));
        assertThat(RuntimeDirectory.resolve(null, Map.of(), preferred)).as("creatable in a writable parent").isEqualTo(preferred);
    }

    @Test
    void fallsBackWhenThePreferredDirectoryCannotBeCreated() throws Exception {
        // Its parent does not exist, as /run does not exist for us: not creatable, whoever runs the test.
        Path preferred = tmp.resolve("no-such-run").resolve("cuframes");
        Path xdg = Files.createDirectory(tmp.resolve("xdg"));
        assertThat(RuntimeDirectory.resolve(null, Map.of("XDG_RUNTIME_DIR", xdg.toString()), preferred))
                .isEqualTo(xdg.resolve("cuframes"));
        assertThat(RuntimeDirectory.resolve(null, Map.of("USER", "alice", "XDG_RUNTIME_DIR", "/does/not/exist"), preferred))
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "cuframes-alice"));
    }

    @Test
    void anExistingReadOnlyDirectoryIsNotUsedUnlessWritable() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        Path xdg = Files.createDirectory(tmp.resolve("xdg2"));
        Path expected = Files.isWritable(ro) ? ro : xdg.resolve("cuframes"); // root writes anywhere
        assertThat(RuntimeDirectory.resolve(null, Map.of("XDG_RUNTIME_DIR", xdg.toString()), ro)).isEqualTo(expected);
    }
}
