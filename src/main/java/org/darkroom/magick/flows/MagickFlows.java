package org.darkroom.magick.flows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.magick.JobBudget;
import org.darkroom.magick.MagickFlow;
import org.darkroom.magick.Workers;
import org.darkroom.magick.MagickJob;

/**
 * The ImageMagick flows, and the two steps of the shared {@code magick-flow} route: plan a command, read its result.
 *
 * <p>Adding a flow is one class here plus one line in {@link #all()}; the doors pick it up from the catalog.
 */
public final class MagickFlows {
    /** The route every ImageMagick flow runs through. */
    public static final String ROUTE = "direct:magick-flow";
    private final Map<String, MagickFlow> flows = new LinkedHashMap<>();
    private final JobBudget budget;

    /** The flows under the default limits (for listing the catalog). */
    public MagickFlows() {
        this(JobBudget.DEFAULT);
    }

    public MagickFlows(JobBudget budget) {
        this.budget = budget;
        for (MagickFlow flow : all()) {
            flows.put(flow.spec().name(), flow);
        }
    }

    private static List<MagickFlow> all() {
        return List.of(new ThumbnailFlow(), new ResizeFlow(), new ConvertFlow(), new TransformFlow(), new InfoFlow());
    }

    public List<FlowSpec> specs() {
        return flows.values().stream().map(MagickFlow::spec).toList();
    }

    /**
     * Route step: the command for the exchange's flow, input and parameters, refused before any worker is taken
     * when its images or its work exceed the budget; heavy jobs are marked for the heavy-work permits.
     */
    public MagickJob plan(Exchange exchange) {
        MagickJob job = flow(exchange).plan(exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class),
                exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class));
        budget.check(job.shape());
        exchange.setProperty(Workers.HEAVY, budget.isHeavy(job.shape()));
        return job;
    }

    /** Route step: the flow's result once ImageMagick has written its output. */
    public FlowResult finish(Exchange exchange) {
        return flow(exchange).result(exchange.getMessage().getBody(MagickJob.class),
                exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class));
    }

    private MagickFlow flow(Exchange exchange) {
        return flows.get(exchange.getProperty(FlowExchange.FLOW, String.class));
    }
}
