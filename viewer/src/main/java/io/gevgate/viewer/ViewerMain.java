package io.gevgate.viewer;

import javafx.application.Application;

/**
 * Entry point of {@code ./gevgate viewer}. Deliberately not an {@link Application}: on the class path
 * the JDK launcher refuses a main class that extends Application ("JavaFX runtime components are
 * missing"), so this class hands over to {@link ViewerApp}.
 */
public final class ViewerMain {
    private ViewerMain() {
    }

    public static void main(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("""
                        Usage: gevgate viewer [--theme=dark|light] [--address=IP]
                          Camera browser: discovery, GenICam features, live view, cuframes subscriber previews.
                          --theme=dark|light   colour theme (default dark)
                          --address=IP         pre-fill the unicast discovery address""");
                return;
            }
        }
        Application.launch(ViewerApp.class, args);
    }
}
