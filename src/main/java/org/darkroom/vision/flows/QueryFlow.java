package org.darkroom.vision.flows;

import ai.onnxruntime.OnnxTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.flow.Text;
import org.darkroom.vision.service.VisionModel;

/** {@code query}: answers a question about the image. */
final class QueryFlow implements VisionFlow {
    /** Long enough for any real question, short enough that the prompt never crowds out the answer. */
    static final int MAX_QUESTION = 500;
    private final FlowSpec spec;

    QueryFlow(FlowSpec.Availability availability) {
        spec = new FlowSpec("query", "Answer a question about the image with the vision model.",
                ParamSet.of(ParamSpec.required("question", new Text(1, MAX_QUESTION),
                        "The question, in plain words, e.g. 'What colour is the car?'.")),
                OutputKind.JSON, VisionFlows.ROUTE, "ask_image", availability);
    }

    @Override
    public FlowSpec spec() {
        return spec;
    }

    @Override
    public Answer answer(VisionModel model, OnnxTensor image, FlowParameters params, int maxTokens)
            throws Exception {
        String question = params.text("question").orElseThrow();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("question", question);
        return GenerationRecord.put(record, "answer", model.text().query(image, question, maxTokens));
    }
}
