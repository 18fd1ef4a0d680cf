package io.gevgate.viewer.ui;

import io.gevgate.viewer.image.ArgbImage;
import io.gevgate.viewer.image.Histogram;
import io.gevgate.viewer.image.LatestFrameSlot;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * An image preview fed by a {@link LatestFrameSlot}: on each FX pulse it takes the newest image (the
 * ones replaced in between were never meant to be drawn), writes it into a WritableImage, and
 * redraws the histogram a few times a second. Zoom (combo, Ctrl+wheel), pan (drag), the pixel under
 * the cursor.
 */
public final class PreviewPane {
    private static final long HISTOGRAM_PERIOD_NS = 200_000_000L;

    private final LatestFrameSlot slot;
    private final BorderPane root = new BorderPane();
    private final ImageView view = new ImageView();
    private final ScrollPane scroll = new ScrollPane();
    private final ComboBox<String> zoom = new ComboBox<>();
    private final Label pixel = new Label("—");
    private final Label info = new Label("no image");
    private final Canvas histogram = new Canvas(256, 110);
    private final AnimationTimer pulse;
    private WritableImage image;
    private volatile ArgbImage shown;
    private long shownCount;
    private long lastHistogram;
    private double scale = 1.0;

    public PreviewPane(LatestFrameSlot slot, String id) {
        this.slot = slot;
        root.setId(id);
        view.setId(id + "-image");
        view.setSmooth(false);
        view.setPreserveRatio(true);
        StackPane center = new StackPane(view);
        center.getStyleClass().add("preview-canvas");
        scroll.setContent(center);
        scroll.setPannable(true);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("preview-scroll");
        zoom.getItems().addAll("Fit", "25%", "50%", "100%", "200%", "400%", "800%");
        zoom.setValue("Fit");
        zoom.setId(id + "-zoom");
        zoom.valueProperty().addListener((o, a, b) -> applyZoom());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> applyZoom());
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                setScale(scale * (e.getDeltaY() > 0 ? 1.25 : 0.8));
                e.consume();
            }
        });
        view.addEventHandler(MouseEvent.MOUSE_MOVED, this::showPixel);
        view.addEventHandler(MouseEvent.MOUSE_EXITED, e -> pixel.setText("—"));
        pixel.setId(id + "-pixel");
        pixel.getStyleClass().add("mono");
        info.getStyleClass().add("mono");
        Label zoomLabel = new Label("Zoom");
        HBox bar = new HBox(8, zoomLabel, zoom, new Label("Pixel"), pixel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 0, 4, 0));
        Label histTitle = new Label("Histogram");
        histTitle.getStyleClass().add("section-title");
        VBox side = new VBox(6, histTitle, histogram, info);
        side.setPadding(new Insets(0, 0, 0, 8));
        side.getStyleClass().add("side-panel");
        root.setTop(bar);
        root.setCenter(scroll);
        root.setRight(side);
        BorderPane.setMargin(scroll, Insets.EMPTY);
        HBox.setHgrow(scroll, Priority.ALWAYS);
        drawHistogram(null);
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onPulse(now);
            }
        };
        pulse.start();
    }

    public BorderPane root() {
        return root;
    }

    /** The image on screen now (FX thread writes it; tests read it). */
    public ArgbImage shown() {
        return shown;
    }

    public long shownCount() {
        return shownCount;
    }

    public HBox toolbarSlot() {
        return (HBox) root.getTop();
    }

    private void onPulse(long now) {
        ArgbImage img = slot.take();
        if (img == null) {
            return;
        }
        if (image == null || (int) image.getWidth() != img.width() || (int) image.getHeight() != img.height()) {
            image = new WritableImage(img.width(), img.height());
            view.setImage(image);
            applyZoom();
        }
        image.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getIntArgbInstance(),
                img.argb(), 0, img.width());
        shown = img;
        shownCount++;
        if (now - lastHistogram > HISTOGRAM_PERIOD_NS) {
            lastHistogram = now;
            drawHistogram(Histogram.of(img));
            info.setText(img.source() + "\nframe " + img.sequence() + "\nshown " + shownCount
                    + "\nskipped " + slot.skipped());
        }
    }

    private void applyZoom() {
        String z = zoom.getValue();
        if (image == null || z == null) {
            return;
        }
        if (z.equals("Fit")) {
            var vp = scroll.getViewportBounds();
            double s = Math.min(vp.getWidth() / image.getWidth(), vp.getHeight() / image.getHeight());
            scale = s > 0 ? s : 1;
        } else {
            scale = Integer.parseInt(z.replace("%", "")) / 100.0;
        }
        view.setFitWidth(image.getWidth() * scale);
        view.setFitHeight(image.getHeight() * scale);
    }

    private void setScale(double s) {
        scale = Math.max(0.05, Math.min(32, s));
        zoom.setValue(null);
        if (image != null) {
            view.setFitWidth(image.getWidth() * scale);
            view.setFitHeight(image.getHeight() * scale);
        }
    }

    private void showPixel(MouseEvent e) {
        ArgbImage img = shown;
        if (img == null || scale <= 0) {
            return;
        }
        int x = (int) (e.getX() / view.getBoundsInLocal().getWidth() * img.width());
        int y = (int) (e.getY() / view.getBoundsInLocal().getHeight() * img.height());
        showPixelAt(x, y);
    }

    /** Shows the value of image pixel (x, y) in the readout (what hovering over it shows). */
    public void showPixelAt(int x, int y) {
        ArgbImage img = shown;
        if (img == null || x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
            pixel.setText("—");
            return;
        }
        pixel.setText(describe(img, x, y));
    }

    /** "x,y: R G B" or "x,y: V" when the three agree (mono). */
    public static String describe(ArgbImage img, int x, int y) {
        int p = img.pixel(x, y);
        int r = (p >>> 16) & 0xFF;
        int g = (p >>> 8) & 0xFF;
        int b = p & 0xFF;
        return r == g && g == b ? String.format("(%d, %d)  %d", x, y, r)
                : String.format("(%d, %d)  R %d  G %d  B %d", x, y, r, g, b);
    }

    private void drawHistogram(Histogram h) {
        GraphicsContext g = histogram.getGraphicsContext2D();
        double w = histogram.getWidth();
        double ht = histogram.getHeight();
        g.setFill(Color.rgb(0, 0, 0, 0.25));
        g.fillRect(0, 0, w, ht);
        if (h == null) {
            return;
        }
        if (h.grey()) {
            curve(g, h.luma(), Color.rgb(220, 220, 220, 0.9), ht);
        } else {
            curve(g, h.red(), Color.rgb(255, 80, 80, 0.6), ht);
            curve(g, h.green(), Color.rgb(80, 220, 80, 0.6), ht);
            curve(g, h.blue(), Color.rgb(90, 140, 255, 0.6), ht);
        }
    }

    private static void curve(GraphicsContext g, long[] bins, Color c, double ht) {
        long max = 1;
        for (long v : bins) {
            max = Math.max(max, v);
        }
        g.setStroke(c);
        g.setLineWidth(1);
        for (int i = 0; i < 256; i++) {
            double y = ht - (double) bins[i] / max * (ht - 4);
            g.strokeLine(i + 0.5, ht, i + 0.5, y);
        }
    }

    public void stop() {
        pulse.stop();
    }
}
