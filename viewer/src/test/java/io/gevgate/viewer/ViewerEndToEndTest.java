package io.gevgate.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.stream.TestPattern;
import io.gevgate.viewer.devices.ControlStatus;
import io.gevgate.viewer.devices.DeviceRow;
import io.gevgate.viewer.features.FeatureItem;
import io.gevgate.viewer.image.ArgbImage;
import io.gevgate.viewer.ui.MainView;
import io.gevgate.viewer.ui.Theme;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The viewer against the in-process simulator, headless (Monocle): discover by address, open,
 * change ExposureTime and Width through the property sheet and read them back from the device,
 * an out-of-increment write shown inline, stream and compare the preview's pixels with the
 * simulator's self-checking pattern, snapshot, stop, close.
 */
@ExtendWith(ApplicationExtension.class)
class ViewerEndToEndTest {
    private static final String SIM_IP = "127.0.0.160";

    private StreamingSimulator sim;
    private MainView view;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        sim = StreamingSimulator.start(SIM_IP, 15);
        view = new MainView(Theme.DARK, Path.of(System.getProperty("java.io.tmpdir")));
        Scene scene = new Scene(view.root(), 1200, 760);
        view.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.close()).get(10, TimeUnit.SECONDS);
        sim.close();
    }

    @Test
    void discoverOpenEditStreamAndClose(FxRobot robot) throws Exception {
        // Devices: unicast discovery to a typed address
        robot.clickOn("#address").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(SIM_IP);
        robot.clickOn("#discover-unicast");
        waitUntil("device row", () -> view.devices().table().getItems().size() == 1);
        DeviceRow row = view.devices().table().getItems().getFirst();
        assertThat(row.address()).isEqualTo(SIM_IP);
        assertThat(row.info().serialNumber()).isEqualTo(sim.device().config().serialNumber());
        assertThat(row.statusProperty().get()).isEqualTo(ControlStatus.FREE);

        // open: control taken on the device, features loaded
        robot.clickOn("#open");
        waitUntil("features loaded", () -> item("ExposureTime") != null && item("ExposureTime").last() != null);
        assertThat(row.statusProperty().get()).isEqualTo(ControlStatus.OPEN_HERE);
        assertThat(sim.registers().value(BootstrapRegisters.CCP) & 0x3).as("CCP control bits").isNotZero();
        assertThat(item("ExposureTime").getValue()).isEqualTo(10_000.0);

        // ExposureTime through the float editor
        WaitForAsyncUtils.asyncFx(() -> view.tabs().getSelectionModel().select(1)).get(30, TimeUnit.SECONDS);
        robot.clickOn("#feature-search").write("ExposureTime");
        waitUntil("ExposureTime editor", () -> robot.lookup("#feature-ExposureTime").tryQuery().isPresent());
        TextField exposure = (TextField) ((HBox) robot.lookup("#feature-ExposureTime").query()).getChildren().getFirst();
        robot.clickOn(exposure).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("2500").press(KeyCode.ENTER).release(KeyCode.ENTER);
        try {
            waitUntil("ExposureTime on the device",
                    () -> sim.registers().floatValue(FeatureRegisters.EXPOSURE_TIME) == 2500f);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; field '" + exposure.getText() + "', message '"
                    + view.features().message().getText() + "', disabled " + exposure.isDisabled() + ", scene " + (exposure.getScene() != null)
                    + ", focus " + exposure.getScene().getFocusOwner() + ", search '" + view.features().searchField().getText()
                    + "', sheet items " + view.features().sheet().getItems().size() + ", bounds " + exposure.localToScreen(exposure.getBoundsInLocal()) + ", register " + sim.registers().floatValue(FeatureRegisters.EXPOSURE_TIME), e);
        }
        waitUntil("ExposureTime read back", () -> Double.valueOf(2500.0).equals(item("ExposureTime").getValue()));

        // Width through the integer spinner; PayloadSize follows (refresh after a write)
        setSearch(robot, "Width");
        waitUntil("Width editor", () -> robot.lookup("#feature-Width").tryQuery().isPresent());
        Spinner<?> width = robot.lookup("#feature-Width").queryAs(Spinner.class);
        robot.clickOn(width.getEditor()).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("320").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("Width on the device", () -> sim.registers().value(FeatureRegisters.WIDTH) == 320);
        waitUntil("Width read back", () -> Long.valueOf(320).equals(item("Width").getValue()));
        waitUntil("PayloadSize refreshed", () -> Long.valueOf(320L * 480).equals(item("PayloadSize").getValue()));

        // a value off the increment (4) is refused by the engine: one inline line, device unchanged
        robot.clickOn(width.getEditor()).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("322").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("inline error", () -> view.features().message().getStyleClass().contains("error-text"));
        assertThat(view.features().message().getText()).contains("Width").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(sim.registers().value(FeatureRegisters.WIDTH)).isEqualTo(320);
        waitUntil("editor back to the device value", () -> Long.valueOf(320).equals(width.getValue()));

        // tooltips from the XML, read-only shown and not editable
        assertThat(item("ExposureTime").getDescription()).contains("Exposure time in microseconds.").contains("range 10.0");
        assertThat(item("SensorWidth").getName()).endsWith("(RO)");
        assertThat(item("SensorWidth").isEditable()).isFalse();
        assertThat(item("Width").isEditable()).isTrue();

        // polling picks up a change made behind the viewer's back
        sim.registers().set(FeatureRegisters.EXPOSURE_TIME, Float.floatToIntBits(777f));
        robot.clickOn("#feature-poll");
        waitUntil("polled ExposureTime", () -> Double.valueOf(777.0).equals(item("ExposureTime").getValue()));
        robot.clickOn("#feature-poll");

        // Live view: start, the preview shows the simulator's frames bit-exact
        WaitForAsyncUtils.asyncFx(() -> view.tabs().getSelectionModel().select(2)).get(30, TimeUnit.SECONDS);
        robot.clickOn("#live-start");
        waitUntil("a frame on screen", () -> view.live().preview().shown() != null);
        ArgbImage img = view.live().preview().shown();
        assertThat(img.width()).isEqualTo(320);
        assertThat(img.height()).isEqualTo(480);
        byte[] grey = greyBytes(img);
        TestPattern.Verification v = TestPattern.verify(MemorySegment.ofArray(grey), 0, grey.length);
        assertThat(v.ok()).as(v.problem()).isTrue();
        waitUntil("several frames shown", () -> view.live().preview().shownCount() >= 3);
        waitUntil("stats", () -> robot.lookup("#live-stats").queryLabeled().getText().contains("fps"));

        // snapshot writes the full-resolution image
        Path png = tmp.resolve("snap.png");
        WaitForAsyncUtils.asyncFx(() -> view.live().snapshotTo(png)).get(30, TimeUnit.SECONDS);
        waitUntil("snapshot written", () -> Files.exists(png) && png.toFile().length() > 1000);
        var read = javax.imageio.ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isEqualTo(320);

        // stop: acquisition stops on the device
        robot.clickOn("#live-stop");
        waitUntil("device stopped", () -> sim.registers().value(FeatureRegisters.ACQUISITION_STATUS) == 0 && !sim.streaming());

        // close: control released
        WaitForAsyncUtils.asyncFx(() -> view.tabs().getSelectionModel().select(0)).get(30, TimeUnit.SECONDS);
        robot.clickOn("#close");
        waitUntil("closed", () -> ControlStatus.FREE.equals(row.statusProperty().get()));
        waitUntil("privilege released on the device", () -> sim.registers().value(BootstrapRegisters.CCP) == 0);
    }

    private FeatureItem item(String name) {
        return view.features().item(name);
    }

    private static void setSearch(FxRobot robot, String text) {
        robot.clickOn("#feature-search").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(text);
    }

    /** The preview of a Mono8 frame: R = G = B; returns that channel as the frame's bytes. */
    static byte[] greyBytes(ArgbImage img) {
        byte[] out = new byte[img.width() * img.height()];
        for (int i = 0; i < out.length; i++) {
            int p = img.argb()[i];
            int r = (p >>> 16) & 0xFF;
            assertThat((p >>> 8) & 0xFF).isEqualTo(r);
            assertThat(p & 0xFF).isEqualTo(r);
            out[i] = (byte) r;
        }
        return out;
    }

    static void waitUntil(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> condition.getAsBoolean());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }
}
