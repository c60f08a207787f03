package dev.lacy.sim.tabletop;

import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.random.RandomGenerator;

/**
 * Draws a scene from above, as the top-down camera sees it: a table and each object as its
 * catalogue shape inside its footprint circle. Objects unknown to the catalogue are drawn as grey
 * discs with a colour mark derived from their name. Deterministic: the same scene, size and random
 * state give the same pixels. Thread-safe (it keeps no state between calls).
 */
public final class TabletopRenderer {

    static final int TABLE = 0xd8ccb4;

    private final ObjectCatalogue catalogue;
    private final int size;
    private final Randomization randomization;

    public TabletopRenderer(ObjectCatalogue catalogue, int size, Randomization randomization) {
        if (size < 16 || size > 4096) {
            throw new IllegalArgumentException("image size " + size + " is not in [16, 4096]");
        }
        this.catalogue = catalogue;
        this.size = size;
        this.randomization = randomization;
    }

    public int size() {
        return size;
    }

    /** Renders the scene; {@code random} drives the randomisation and is not used when it is off. */
    public RgbImage render(Scene scene, RandomGenerator random) {
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(new Color(jitter(TABLE, random)));
            g.fillRect(0, 0, size, size);
            if (randomization.distractors()) {
                drawDistractors(g, random);
            }
            for (SceneObject object : scene.objects()) {
                draw(g, object, random);
            }
        } finally {
            g.dispose();
        }
        return toRgb(image, random);
    }

    private void draw(Graphics2D g, SceneObject object, RandomGenerator random) {
        CatalogueEntry entry = catalogue.find(object.name()).orElseGet(() -> unknown(object));
        double cx = object.center().x() * size;
        double cy = object.center().y() * size;
        double r = object.radius() * size;
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        if (randomization.poseDegrees() > 0) {
            g.rotate(Math.toRadians((random.nextDouble() * 2 - 1) * randomization.poseDegrees()));
        }
        Color body = new Color(jitter(entry.colour(), random));
        Color mark = new Color(jitter(entry.mark(), random));
        switch (entry.shape()) {
            case DISC -> {
                fill(g, body, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
                fill(g, mark, new Ellipse2D.Double(-0.45 * r, -0.45 * r, 0.9 * r, 0.9 * r));
            }
            case RING -> {
                fill(g, body, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
                fill(g, mark, new Ellipse2D.Double(-0.7 * r, -0.7 * r, 1.4 * r, 1.4 * r));
                fill(g, body.brighter(), new Ellipse2D.Double(-0.5 * r, -0.5 * r, r, r));
            }
            case SQUARE -> {
                double half = r / Math.sqrt(2);
                fill(g, body, new Rectangle2D.Double(-half, -half, 2 * half, 2 * half));
                fill(g, mark, new Rectangle2D.Double(-half / 2, -half / 2, half, half));
            }
            case BOX -> {
                double h = 2 * r / Math.sqrt(5);
                fill(g, body, new Rectangle2D.Double(-h, -h / 2, 2 * h, h));
                fill(g, mark, new Rectangle2D.Double(-h / 3, -h / 2, 2 * h / 3, h));
            }
            case BAR -> {
                fill(g, body, new Ellipse2D.Double(-r, -0.3 * r, 2 * r, 0.6 * r));
                fill(g, mark, new Ellipse2D.Double(0.45 * r, -0.3 * r, 0.55 * r, 0.6 * r));
            }
            case OVAL -> {
                fill(g, body, new Ellipse2D.Double(-r, -0.7 * r, 2 * r, 1.4 * r));
                fill(g, mark, new Ellipse2D.Double(-0.3 * r, -0.3 * r, 0.6 * r, 0.6 * r));
            }
        }
        g.setTransform(saved);
    }

    private static void fill(Graphics2D g, Color colour, java.awt.Shape shape) {
        g.setColor(colour);
        g.fill(shape);
    }

    private void drawDistractors(Graphics2D g, RandomGenerator random) {
        g.setStroke(new BasicStroke(Math.max(1f, size / 150f)));
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(jitter(0xc4b89e, random)));
            g.draw(new Line2D.Double(random.nextDouble() * size, random.nextDouble() * size,
                    random.nextDouble() * size, random.nextDouble() * size));
        }
    }

    private int jitter(int rgb, RandomGenerator random) {
        if (randomization.colour() == 0) {
            return rgb;
        }
        int r = clamp((rgb >> 16 & 0xff) + (random.nextDouble() * 2 - 1) * randomization.colour());
        int gr = clamp((rgb >> 8 & 0xff) + (random.nextDouble() * 2 - 1) * randomization.colour());
        int b = clamp((rgb & 0xff) + (random.nextDouble() * 2 - 1) * randomization.colour());
        return r << 16 | gr << 8 | b;
    }

    private RgbImage toRgb(BufferedImage image, RandomGenerator random) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double brightness = randomization.lighting() == 0 ? 1 : 1 + (random.nextDouble() * 2 - 1) * randomization.lighting();
        byte[] rgb = new byte[pixels.length * 3];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            if (brightness == 1) {
                rgb[3 * i] = (byte) (p >> 16);
                rgb[3 * i + 1] = (byte) (p >> 8);
                rgb[3 * i + 2] = (byte) p;
            } else {
                rgb[3 * i] = (byte) clamp((p >> 16 & 0xff) * brightness);
                rgb[3 * i + 1] = (byte) clamp((p >> 8 & 0xff) * brightness);
                rgb[3 * i + 2] = (byte) clamp((p & 0xff) * brightness);
            }
        }
        return RgbImage.of(size, size, rgb);
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static CatalogueEntry unknown(SceneObject object) {
        int hash = object.name().hashCode();
        return new CatalogueEntry(object.name(), Math.min(object.radius(), 0.2), Shape.DISC, 0x8a8a8a, hash & 0xffffff);
    }
}
