package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.darkroom.door.Admission;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code batch_process}: one flow over many images, each item through the same route as a single call.
 *
 * <p>An item that fails is reported and the rest go on; only a request that is wrong as a whole (unknown flow, bad
 * shared parameters, too many items) or a service with no free place ({@code busy}) fails the call. The batch runs
 * in lanes, each holding one place under the service's limit and running items one after another: the first lane
 * is the call's own place, and up to {@code concurrency - 1} more (the worker count in all, so a batch keeps every
 * ImageMagick permit busy without queueing far ahead of them) are taken only if free when the batch starts. A busy
 * service runs a batch on fewer lanes instead of refusing its items. Each finished item is reported as progress.
 */
final class BatchTool implements ToolHandler {
    static final String NAME = "batch_process";
    private static final Logger LOG = LoggerFactory.getLogger(BatchTool.class);

    private final FlowCatalog catalog;
    private final ToolCalls calls;
    private final int maxItems;
    private final int concurrency;

    BatchTool(FlowCatalog catalog, ToolCalls calls, int maxItems, int concurrency) {
        this.catalog = catalog;
        this.calls = calls;
        this.maxItems = maxItems;
        this.concurrency = concurrency;
    }

    @Override
    public CallToolResult call(Map<String, Object> arguments, Progress progress) {
        FlowSpec flow;
        List<Object> items;
        Map<String, Object> parameters;
        try {
            Map<String, Object> args = arguments == null ? Map.of() : arguments;
            flow = flow(args.get("flow"));
            items = items(args.get("items"));
            parameters = parameters(args.get("parameters"), flow);
            unknown(args);
        } catch (DarkroomException e) {
            return ToolResults.error(e);
        }
        try {
            return BatchResults.render(flow, items, run(flow, items, parameters, progress));
        } catch (DarkroomException e) {
            if (e.code() == ErrorCode.BUSY) {
                return ToolResults.error(e, calls.refused(flow, e));
            }
            LOG.error("batch_process failed unexpectedly", e);
            return ToolResults.error(e);
        }
    }

    private List<ToolOutcome> run(FlowSpec flow, List<Object> items, Map<String, Object> parameters,
                                  Progress progress) {
        List<Admission.Permit> lanes = new ArrayList<>();
        lanes.add(calls.admission().enterOrRefuse());
        while (lanes.size() < Math.min(concurrency, items.size())) {
            Optional<Admission.Permit> more = calls.admission().tryEnter();
            if (more.isEmpty()) {
                break;
            }
            lanes.add(more.get());
        }
        ToolOutcome[] outcomes = new ToolOutcome[items.size()];
        AtomicInteger next = new AtomicInteger();
        int[] counts = new int[2];
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Admission.Permit lane : lanes) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        ToolOutcome outcome = progress.cancelled()
                                // Nobody will read the answer; the items already running finish, no new one starts.
                                ? ToolOutcome.failure(flow.name(), new DarkroomException(ErrorCode.BAD_PARAMETER,
                                        "The batch was cancelled before this item started."))
                                : one(flow, items.get(i), parameters, lane);
                        outcomes[i] = outcome;
                        // Counted and reported under one lock: progress must only ever increase, notification by
                        // notification, which two items finishing at once would otherwise break.
                        synchronized (counts) {
                            counts[0]++;
                            counts[1] += outcome.ok() ? 0 : 1;
                            report(progress, counts[0], items.size(), counts[1]);
                        }
                    }
                }));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
            return List.of(outcomes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DarkroomException(ErrorCode.INTERNAL, null, "batch interrupted", e);
        } catch (ExecutionException e) {
            throw new DarkroomException(ErrorCode.INTERNAL, null, "batch item failed outside its route", e.getCause());
        } finally {
            pool.shutdownNow();
            lanes.forEach(Admission.Permit::close);
        }
    }

    private ToolOutcome one(FlowSpec flow, Object item, Map<String, Object> parameters, Admission.Permit lane) {
        if (!(item instanceof Map<?, ?> fields)) {
            return ToolOutcome.failure(flow.name(), new DarkroomException(ErrorCode.BAD_PARAMETER,
                    "Each item must be an object with path, url or data, and optionally output_path."));
        }
        Map<String, Object> arguments = new LinkedHashMap<>(parameters);
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = String.valueOf(field.getKey());
            if (!ToolRequest.DOOR_ARGUMENTS.contains(name)) {
                return ToolOutcome.failure(flow.name(), new DarkroomException(ErrorCode.BAD_PARAMETER, "Items take"
                        + " only path, url, data and output_path; give '" + name + "' in parameters."));
            }
            arguments.put(name, field.getValue());
        }
        return calls.call(flow, arguments, lane);
    }

    private static void report(Progress progress, int done, int total, int failed) {
        try {
            progress.report(done, total, done + " of " + total + " done" + (failed > 0 ? ", " + failed
                    + " failed" : ""));
        } catch (RuntimeException e) {
            // A client that went away cannot be told; the batch itself still finishes.
            LOG.debug("progress notification not delivered: {}", e.toString());
        }
    }

    private FlowSpec flow(Object name) {
        for (FlowSpec flow : catalog.all()) {
            if (flow.toolName().equals(name) || flow.name().equals(name)) {
                return flow;
            }
        }
        throw new DarkroomException(ErrorCode.UNKNOWN_FLOW, "flow must name one of the tools: " + String.join(", ",
                catalog.all().stream().map(FlowSpec::toolName).toList()) + ".");
    }

    private List<Object> items(Object items) {
        if (!(items instanceof List<?> list) || list.isEmpty() || list.size() > maxItems) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "items must be a list of 1 to " + maxItems
                    + " images (darkroom.mcp.batch-max-items); split larger batches.");
        }
        return new ArrayList<>(list);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Object parameters, FlowSpec flow) {
        if (parameters == null) {
            return Map.of();
        }
        if (!(parameters instanceof Map<?, ?> map)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "parameters must be an object of the flow's"
                    + " parameters, such as {\"width\": 200}.");
        }
        for (String name : ToolRequest.DOOR_ARGUMENTS) {
            if (map.containsKey(name)) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER, "Give " + name + " in each item, not in"
                        + " parameters.");
            }
        }
        // Checked once for the whole batch: wrong shared parameters would fail every item the same way.
        flow.params().parse((Map<String, Object>) map);
        return (Map<String, Object>) map;
    }

    private static void unknown(Map<String, Object> args) {
        for (String name : args.keySet()) {
            if (!List.of("flow", "items", "parameters").contains(name)) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER, "Unknown argument '" + name
                        + "'. batch_process takes flow, items and parameters.");
            }
        }
    }
}
