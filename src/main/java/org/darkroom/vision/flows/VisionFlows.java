package org.darkroom.vision.flows;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.magick.MagickJob;
import org.darkroom.vision.encode.ImageEmbeddings;
import org.darkroom.vision.generate.UnsupportedSkillException;
import org.darkroom.vision.preprocess.Ppm;
import org.darkroom.vision.service.VisionGate;
import org.darkroom.vision.service.VisionModel;
import org.darkroom.vision.service.VisionMetrics;
import org.darkroom.vision.service.VisionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vision flows, and the steps of their routes: take a place at the vision gate, find the image's encoding in
 * the cache or make it (ImageMagick decodes the upright pixels, the {@code djl:} endpoint encodes them), then ask
 * the model. {@code annotate} then has ImageMagick draw the boxes.
 *
 * <p>Adding a flow is one class plus one line in the constructor; the doors pick it up from the catalog.
 */
public final class VisionFlows {
    /** The route caption, query, detect and point run through. */
    public static final String ROUTE = "direct:vision-flow";
    private static final Logger LOG = LoggerFactory.getLogger(VisionFlows.class);
    private static final String SLOT = "darkroom.vision.slot";
    private static final String EMBEDDINGS = "darkroom.vision.embeddings";
    private static final String FROM_CACHE = "darkroom.vision.fromCache";
    private static final String ANSWER = "darkroom.vision.answer";

    private final VisionService service;
    private final VisionMetrics metrics;
    private final long maxPixels;
    private final Map<String, VisionFlow> flows = new LinkedHashMap<>();
    private final AnnotateFlow annotate;

    /** @param maxPixels intake's pixel limit, which also bounds the decoded pixels read back */
    public VisionFlows(VisionService service, VisionMetrics metrics, long maxPixels) {
        this.service = service;
        this.metrics = metrics;
        this.maxPixels = maxPixels;
        FlowSpec.Availability model = service.availability();
        // Without a model the official bundles' caption lengths are listed, so the catalog does not change shape.
        List<String> lengths = service.loaded().map(m -> m.text().templates().captionLengths())
                .orElse(List.of("short", "normal"));
        DetectFlow detect = new DetectFlow(model);
        annotate = new AnnotateFlow(detect, model);
        for (VisionFlow flow : List.of(new CaptionFlow(lengths, model), new QueryFlow(model), detect,
                new PointFlow(this::requirePointing), annotate)) {
            flows.put(flow.spec().name(), flow);
        }
    }

    public List<FlowSpec> specs() {
        return flows.values().stream().map(VisionFlow::spec).toList();
    }

    private void requirePointing() {
        VisionModel model = service.model();
        if (!model.text().templates().hasPoint()) {
            throw new DarkroomException(ErrorCode.UNSUPPORTED, "The installed model bundle (" + model.name()
                    + ") has no point prompt, so it cannot point at objects; the Moondream 0.5B bundle never has one."
                    + " Use detect, or a bundle whose config.json has a point template: the 2B bundle may"
                    + " ('./darkroom fetch-model 2b').");
        }
    }

    /** Route step: a place at the vision gate, held until the exchange completes. */
    public void enter(Exchange exchange) throws InterruptedException {
        service.model();
        VisionGate.Slot slot = service.gate().enter();
        exchange.setProperty(SLOT, slot);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                slot.close();
            }
        });
    }

    /** Route step: the image's encoding from the cache, if it is there; the route encodes it otherwise. */
    public void lookUp(Exchange exchange) {
        var cached = service.cache().get(input(exchange).sha256());
        metrics.visionCache(cached.isPresent());
        cached.ifPresent(embeddings -> {
            exchange.setProperty(EMBEDDINGS, embeddings);
            exchange.setProperty(FROM_CACHE, true);
        });
    }

    /** Route step: the ImageMagick command that writes the first frame's upright 8-bit RGB pixels. */
    public MagickJob decode(Exchange exchange) {
        AcceptedImage input = input(exchange);
        Path pixels = input.jobDir().resolve("pixels.ppm");
        return new MagickJob(pixelArguments(input.type().coder() + ":" + input.file(), pixels), pixels, null);
    }

    /**
     * ImageMagick's arguments that write {@code image}'s first frame upright as 8-bit RGB PPM, as PIL's
     * {@code convert("RGB")} gives the reference client: alpha dropped, not blended.
     */
    public static List<String> pixelArguments(String image, Path ppm) {
        return List.of(image + "[0]", "-auto-orient", "-alpha", "off", "-colorspace", "sRGB", "-type", "TrueColor",
                "-depth", "8", "-strip", "ppm:" + ppm);
    }

    /** Route step: the decoded pixels as the DJL image the encoder endpoint takes. */
    public Image pixels(Exchange exchange) throws IOException {
        MagickJob job = exchange.getMessage().getBody(MagickJob.class);
        return ImageFactory.getInstance().fromImage(Ppm.read(job.output(), maxPixels).toBufferedImage());
    }

    /** Route step: keeps the fresh encoding for this request and later ones with the same bytes. */
    public void remember(Exchange exchange) {
        ImageEmbeddings embeddings = exchange.getMessage().getBody(ImageEmbeddings.class);
        service.cache().put(input(exchange).sha256(), embeddings);
        exchange.setProperty(EMBEDDINGS, embeddings);
        exchange.setProperty(FROM_CACHE, false);
        slot(exchange).checkDeadline();
    }

    /** Route step: the model's answer, as the flow's JSON result. */
    public FlowResult answer(Exchange exchange) throws Exception {
        return new FlowResult(null, null, null, ask(exchange));
    }

    /** Route step (annotate): detect, then the command that draws the boxes. */
    public MagickJob draw(Exchange exchange) throws Exception {
        Map<String, Object> detection = ask(exchange);
        exchange.setProperty(ANSWER, detection);
        ImageEmbeddings embeddings = exchange.getProperty(EMBEDDINGS, ImageEmbeddings.class);
        return annotate.draw(input(exchange), exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class),
                detection, embeddings.width(), embeddings.height());
    }

    /** Route step (annotate): the drawn image with the boxes. */
    @SuppressWarnings("unchecked")
    public FlowResult annotated(Exchange exchange) {
        return annotate.result(exchange.getMessage().getBody(MagickJob.class),
                exchange.getProperty(ANSWER, Map.class));
    }

    private Map<String, Object> ask(Exchange exchange) throws Exception {
        VisionFlow flow = flows.get(exchange.getProperty(FlowExchange.FLOW, String.class));
        FlowParameters params = exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class);
        ImageEmbeddings embeddings = exchange.getProperty(EMBEDDINGS, ImageEmbeddings.class);
        VisionModel model = service.model();
        int maxTokens = service.settings().maxTokens();
        Answer answer;
        long start = System.nanoTime();
        try {
            answer = slot(exchange).run(() -> {
                try (OnnxTensor image = embeddings.tensor(model.graphs().environment())) {
                    return flow.answer(model, image, params, maxTokens);
                }
            });
        } catch (UnsupportedSkillException e) {
            throw new DarkroomException(ErrorCode.UNSUPPORTED, e.getMessage());
        } catch (OrtException e) {
            LOG.error("The vision model failed on {}", input(exchange).sha256(), e);
            throw new DarkroomException(ErrorCode.PROCESSING_FAILED, "The vision model failed on this image."
                    + " The log has the detail; report it if it persists.");
        }
        metrics.visionAnswer(flow.spec().name(), answer.decoderSteps(), System.nanoTime() - start);
        Map<String, Object> result = new LinkedHashMap<>(answer.result());
        result.put("image", describe(embeddings, exchange.getProperty(FROM_CACHE, false, Boolean.class)));
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

    private static VisionGate.Slot slot(Exchange exchange) {
        return exchange.getProperty(SLOT, VisionGate.Slot.class);
    }

    private static AcceptedImage input(Exchange exchange) {
        return exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
    }
}
