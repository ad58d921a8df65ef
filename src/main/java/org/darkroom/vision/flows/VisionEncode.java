package org.darkroom.vision.flows;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.darkroom.vision.service.VisionMetrics;
import org.darkroom.magick.ImagePlan;
import org.darkroom.magick.MagickJob;
import org.darkroom.vision.encode.ImageEmbeddings;
import org.darkroom.vision.preprocess.Ppm;
import org.darkroom.vision.service.VisionGate;
import org.darkroom.vision.service.VisionService;

/**
 * The steps of the {@code vision-encode} route (bean {@code visionEncode}): take a place at the vision gate, find
 * the image's encoding in the cache or make it (ImageMagick decodes the upright pixels, the {@code djl:} endpoint
 * encodes them) and keep it.
 */
public final class VisionEncode {
    private final VisionService service;
    private final VisionMetrics metrics;
    private final long maxPixels;

    /** @param maxPixels intake's pixel limit, which also bounds the decoded pixels read back */
    VisionEncode(VisionService service, VisionMetrics metrics, long maxPixels) {
        this.service = service;
        this.metrics = metrics;
        this.maxPixels = maxPixels;
    }

    /** Route step: a place at the vision gate, held until the exchange completes. */
    public void enter(Exchange exchange) throws InterruptedException {
        service.model();
        VisionGate.Slot slot = service.gate().enter();
        exchange.setProperty(VisionExchange.SLOT, slot);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                slot.close();
            }
        });
    }

    /** Route step: the image's encoding from the cache, if it is there; the route encodes it otherwise. */
    public void lookUp(Exchange exchange) {
        var cached = service.cache().get(VisionExchange.input(exchange).sha256());
        metrics.visionCache(cached.isPresent());
        cached.ifPresent(embeddings -> {
            exchange.setProperty(VisionExchange.EMBEDDINGS, embeddings);
            exchange.setProperty(VisionExchange.FROM_CACHE, true);
        });
    }

    /** Route step: the ImageMagick job that writes the first frame's upright 8-bit RGB pixels. */
    public MagickJob decode(Exchange exchange) {
        var input = VisionExchange.input(exchange);
        return ImagePlan.rgbPixels(input, input.jobDir().resolve("pixels.ppm"));
    }

    /** Route step: the decoded pixels as the DJL image the encoder endpoint takes. */
    public Image pixels(Exchange exchange) throws IOException {
        MagickJob job = exchange.getMessage().getBody(MagickJob.class);
        return ImageFactory.getInstance().fromImage(Ppm.read(job.output(), maxPixels).toBufferedImage());
    }

    /** Route step: keeps the fresh encoding for this request and later ones with the same bytes. */
    public void remember(Exchange exchange) {
        ImageEmbeddings embeddings = exchange.getMessage().getBody(ImageEmbeddings.class);
        service.cache().put(VisionExchange.input(exchange).sha256(), embeddings);
        exchange.setProperty(VisionExchange.EMBEDDINGS, embeddings);
        exchange.setProperty(VisionExchange.FROM_CACHE, false);
        VisionExchange.slot(exchange).checkDeadline();
    }
}
