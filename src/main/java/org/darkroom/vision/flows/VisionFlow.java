package org.darkroom.vision.flows;

import ai.onnxruntime.OnnxTensor;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.vision.service.VisionModel;

/**
 * A flow answered by the vision model from an encoded image, as data: its declaration and the question it puts to
 * the model. The flows themselves are listed in {@link VisionCatalog}.
 */
record VisionFlow(FlowSpec spec, Question question) {

    /** How a flow asks the model; runs on a vision gate thread, which is interrupted at the request's deadline. */
    @FunctionalInterface
    interface Question {
        /**
         * @param image     the encoded image, {@code [1, 729, D]}
         * @param maxTokens the configured token limit for free text
         * @return the flow's JSON result and what it cost
         */
        Answer ask(VisionModel model, OnnxTensor image, FlowParameters params, int maxTokens) throws Exception;
    }
}
