package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.LabelledConfidence;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.dataset.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** The demo report's PNG charts, drawn with Java2D (headless). */
public final class Charts {

    private static final Color[] SERIES = {new Color(0x4c72b0), new Color(0xdd8452), new Color(0x55a868), new Color(0xc44e52)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Grouped bars: for each task, one bar per model (success in %). */
    public static void successBars(Path file, List<String> tasks, Map<String, double[]> modelPercents) {
        int width = 640;
        int height = 400;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        int left = 60;
        int bottom = height - 60;
        int top = 40;
        axes(g, left, bottom, top, width - 20, "success (%)");
        g.drawString("Success per task on the test scenes", left, 25);
        int groups = tasks.size();
        int models = modelPercents.size();
        double groupWidth = (width - 20 - left) / (double) groups;
        double barWidth = groupWidth * 0.8 / models;
        int m = 0;
        for (Map.Entry<String, double[]> entry : modelPercents.entrySet()) {
            g.setColor(SERIES[m % SERIES.length]);
            for (int t = 0; t < groups; t++) {
                double value = entry.getValue()[t];
                int barHeight = (int) Math.round((bottom - top) * value / 100);
                int x = (int) Math.round(left + t * groupWidth + groupWidth * 0.1 + m * barWidth);
                g.fillRect(x, bottom - barHeight, (int) barWidth - 2, barHeight);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.0f", value), x + 2, bottom - barHeight - 4);
                g.setColor(SERIES[m % SERIES.length]);
            }
            g.fillRect(width - 200, 40 + 18 * m, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), width - 182, 51 + 18 * m);
            m++;
        }
        g.setColor(Color.BLACK);
        for (int t = 0; t < groups; t++) {
            g.drawString(tasks.get(t), (int) (left + t * groupWidth + groupWidth / 2 - 12), bottom + 20);
        }
        write(image, file);
    }

    /** L2C confidences in ten bins, consistent and inconsistent pairs stacked side by side. */
    public static void confidenceHistogram(Path file, List<LabelledConfidence> cases) {
        int width = 640;
        int height = 400;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        int left = 60;
        int bottom = height - 60;
        int top = 40;
        int[][] counts = new int[2][10];
        int max = 1;
        for (LabelledConfidence c : cases) {
            int bin = Math.min(9, (int) (c.confidence() * 10));
            counts[c.consistent() ? 0 : 1][bin]++;
            max = Math.max(max, counts[c.consistent() ? 0 : 1][bin]);
        }
        axes(g, left, bottom, top, width - 20, "pairs");
        g.drawString("L2C confidence sigmoid(z1 - z0) on the test pairs", left, 25);
        double binWidth = (width - 20 - left) / 10.0;
        for (int label = 0; label < 2; label++) {
            g.setColor(SERIES[label == 0 ? 2 : 3]);
            for (int bin = 0; bin < 10; bin++) {
                int barHeight = (int) Math.round((bottom - top) * counts[label][bin] / (double) max);
                int x = (int) Math.round(left + bin * binWidth + label * binWidth / 2);
                g.fillRect(x + 1, bottom - barHeight, (int) (binWidth / 2) - 2, barHeight);
            }
            g.fillRect(width - 200, 40 + 18 * label, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(label == 0 ? "consistent pairs" : "inconsistent pairs", width - 182, 51 + 18 * label);
        }
        g.setColor(Color.BLACK);
        for (int bin = 0; bin <= 10; bin += 2) {
            g.drawString(String.format(Locale.ROOT, "%.1f", bin / 10.0), (int) (left + bin * binWidth) - 8, bottom + 20);
        }
        write(image, file);
    }

    /** Up to four demonstrations drawn on their images: the pick point (green ring), the place point (red cross), the instruction. */
    public static void examples(Path file, List<Demonstration> demos, String whenNone) {
        int tile = 300;
        int n = Math.max(1, Math.min(4, demos.size()));
        var image = new BufferedImage(tile * n, tile + 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        if (demos.isEmpty()) {
            // never a blank picture: say why there is nothing to draw
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            drawWrapped(g, whenNone, 12, 40, tile - 24);
        }
        for (int i = 0; i < Math.min(4, demos.size()); i++) {
            Demonstration d = demos.get(i);
            RgbImage rgb = d.observation().image();
            var picture = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < rgb.height(); y++) {
                for (int x = 0; x < rgb.width(); x++) {
                    picture.setRGB(x, y, rgb.pixel(x, y));
                }
            }
            g.drawImage(picture, i * tile, 0, tile, tile, null);
            g.setStroke(new BasicStroke(3));
            Point pick = d.action().pick();
            Point place = d.action().place();
            g.setColor(new Color(0x00c000));
            g.drawOval((int) (i * tile + pick.x() * tile) - 9, (int) (pick.y() * tile) - 9, 18, 18);
            g.setColor(new Color(0xe00000));
            int px = (int) (i * tile + place.x() * tile);
            int py = (int) (place.y() * tile);
            g.drawLine(px - 8, py - 8, px + 8, py + 8);
            g.drawLine(px - 8, py + 8, px + 8, py - 8);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            drawWrapped(g, d.instruction(), i * tile + 6, tile + 16, tile - 12);
        }
        write(image, file);
    }

    private static void drawWrapped(Graphics2D g, String text, int x, int y, int width) {
        var line = new StringBuilder();
        int row = 0;
        for (String word : text.split(" ")) {
            if (g.getFontMetrics().stringWidth(line + " " + word) > width && line.length() > 0) {
                g.drawString(line.toString(), x, y + 14 * row++);
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        g.drawString(line.toString(), x, y + 14 * row);
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static void axes(Graphics2D g, int left, int bottom, int top, int right, String label) {
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, bottom, left, top);
        g.drawString(label, 5, top - 5);
    }

    private static void write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            var png = new java.io.ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer");
            }
            AtomicFiles.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }
}
