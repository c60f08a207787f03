package dev.lacy.core.cycle;

/**
 * How well a set of grounding sentences ground their scenes ({@link dev.lacy.core.format.GroundingMatch}): the scenes
 * whose sentence names exactly their objects, and the objects placed within their footprint out of all the scenes'
 * objects.
 */
public record GroundingScore(TaskScore exactScenes, TaskScore objectsWithinFootprint) {

    public GroundingScore {
        if (exactScenes == null || objectsWithinFootprint == null) {
            throw new IllegalArgumentException("a grounding score needs both its shares");
        }
    }
}
