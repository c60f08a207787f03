package dev.lacy.core.scene;

/** A pick-and-place action: where to grasp and where to release, in normalized image coordinates. */
public record PickPlaceAction(Point pick, Point place) {

    public PickPlaceAction {
        if (pick == null || place == null) {
            throw new IllegalArgumentException("an action needs both a pick and a place point");
        }
    }

    public static PickPlaceAction of(double pickX, double pickY, double placeX, double placeY) {
        return new PickPlaceAction(new Point(pickX, pickY), new Point(placeX, placeY));
    }
}
