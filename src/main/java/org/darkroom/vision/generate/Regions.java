package org.darkroom.vision.generate;

import java.util.List;

/**
 * The result of a detect ({@link Box}) or point ({@link Point}) decoding: the regions in the order the model
 * produced them, why it stopped, the KV cache length after every decoder call (moondream.md §5 layout) and
 * the step timings. There are no confidence values: the model produces none.
 */
public record Regions<T>(List<T> regions, StopReason stopReason, List<Integer> cacheLengths, StepTimings timings) {
    public Regions {
        regions = List.copyOf(regions);
        cacheLengths = List.copyOf(cacheLengths);
    }
}
