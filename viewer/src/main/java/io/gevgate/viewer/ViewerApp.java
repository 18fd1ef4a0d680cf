package io.gevgate.viewer;

import io.gevgate.viewer.ui.MainView;
import io.gevgate.viewer.ui.Theme;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window with the four panels. */
public final class ViewerApp extends Application {
    private MainView view;

    @Override
    public void start(Stage stage) {
        var named = getParameters().getNamed();
        Theme theme = Theme.parse(named.getOrDefault("theme", "dark"));
        view = new MainView(theme);
        view.devices().addressField().setText(named.getOrDefault("address", ""));
        Scene scene = new Scene(view.root(), 1280, 800);
        view.attach(scene);
        stage.setTitle("gevgate viewer");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> view.close());
        stage.show();
    }

    @Override
    public void stop() {
        if (view != null) {
            view.close();
        }
    }
}
