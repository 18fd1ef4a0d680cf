package io.gevgate.viewer.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes preview images and snapshots as PNG (ImageIO from java.desktop: no extra dependency). */
public final class PngFiles {
    private PngFiles() {
    }

    public static void write(ArgbImage img, Path file) throws IOException {
        write(img.argb(), img.width(), img.height(), file);
    }

    public static void write(int[] argb, int width, int height, Path file) throws IOException {
        BufferedImage bi = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        bi.setRGB(0, 0, width, height, argb, 0, width);
        // write beside the target, then rename: a reader never sees a half-written PNG
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try {
            if (!ImageIO.write(bi, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available for " + file);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
