package dev.lacy.core.calibration;

/** One calibration measurement: where a mark is in the image and where it is on the table. */
public record PointPair(PlanePoint image, PlanePoint table) {

    public PointPair {
        if (image == null || table == null) {
            throw new IllegalArgumentException("a point pair needs an image point and a table point");
        }
    }
}
