package org.darkroom.vision.flows;

import java.util.Map;

/**
 * What a vision flow got from the model: its JSON result, and how many text-decoder calls it took (image and
 * prompt prefill included), for the metrics.
 */
record Answer(Map<String, Object> result, int decoderSteps) {
}
