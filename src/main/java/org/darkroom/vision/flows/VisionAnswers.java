package org.darkroom.vision.flows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.darkroom.flow.DarkroomException;
import org.darkroom.vision.service.VisionMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.magick.MagickJob;
import org.darkroom.vision.encode.ImageEmbeddings;
import org.darkroom.vision.generate.UnsupportedSkillException;
import org.darkroom.vision.service.VisionModel;
import org.darkroom.vision.service.VisionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answering steps of the vision routes (bean {@code visionAnswer}), after the image is encoded: ask the model
 * the flow's question; for {@code annotate}, then have ImageMagick draw the boxes and return the drawn image.
 */
public final class VisionAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(VisionAnswers.class);
    private static final String ANSWER = "darkroom.vision.answer";

    private final VisionService service;
    private final VisionMetrics metrics;
    private final Map<String, VisionFlow> flows;

    VisionAnswers(VisionService service, VisionMetrics metrics, Map<String, VisionFlow> flows) {
        this.service = service;
        this.metrics = metrics;
        this.flows = Map.copyOf(flows);
    }

    /** Route step: the model's answer, as the flow's JSON result. */
    public FlowResult answer(Exchange exchange) throws Exception {
        return new FlowResult(null, null, null, ask(exchange));
    }

    /** Route step (annotate): detect, then the command that draws the boxes. */
    public MagickJob draw(Exchange exchange) throws Exception {
        Map<String, Object> detection = ask(exchange);
        exchange.setProperty(ANSWER, detection);
        ImageEmbeddings embeddings = VisionExchange.embeddings(exchange);
        return BoxDrawing.job(VisionExchange.input(exchange), params(exchange), detection, embeddings.width(),
                embeddings.height());
    }

    /** Route step (annotate): the drawn image with the boxes. */
    @SuppressWarnings("unchecked")
    public FlowResult annotated(Exchange exchange) {
        return BoxDrawing.result(exchange.getMessage().getBody(MagickJob.class),
                exchange.getProperty(ANSWER, Map.class));
    }

    private Map<String, Object> ask(Exchange exchange) throws Exception {
        VisionFlow flow = flows.get(exchange.getProperty(FlowExchange.FLOW, String.class));
        FlowParameters params = params(exchange);
        ImageEmbeddings embeddings = VisionExchange.embeddings(exchange);
        VisionModel model = service.model();
        int maxTokens = service.settings().maxTokens();
        Answer answer;
        long start = System.nanoTime();
        try {
            answer = VisionExchange.slot(exchange).run(() -> {
                try (OnnxTensor image = embeddings.tensor(model.graphs().environment())) {
                    return flow.question().ask(model, image, params, maxTokens);
                }
            });
        } catch (UnsupportedSkillException e) {
            throw new DarkroomException(ErrorCode.UNSUPPORTED, e.getMessage());
        } catch (OrtException e) {
            LOG.error("The vision model failed on {}", VisionExchange.input(exchange).sha256(), e);
            throw new DarkroomException(ErrorCode.PROCESSING_FAILED, "The vision model failed on this image."
                    + " The log has the detail; report it if it persists.");
        }
        metrics.visionAnswer(flow.spec().name(), answer.decoderSteps(), System.nanoTime() - start);
        Map<String, Object> result = new LinkedHashMap<>(answer.result());
        result.put("image", describe(embeddings, VisionExchange.fromCache(exchange)));
        result.put("model", model.name());
        return result;
    }

    /** What was encoded: the upright size the coordinates refer to, the crops, and whether it was cached. */
    private static Map<String, Object> describe(ImageEmbeddings embeddings, boolean fromCache) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("width", embeddings.width());
        image.put("height", embeddings.height());
        image.put("crops", embeddings.template().crops());
        image.put("from_cache", fromCache);
        return image;
    }

    private static FlowParameters params(Exchange exchange) {
        return exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class);
    }
}
