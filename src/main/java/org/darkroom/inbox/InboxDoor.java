package org.darkroom.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.darkroom.door.Door;
import org.darkroom.door.FlowCall;
import org.darkroom.door.FlowRequest;
import org.darkroom.door.ImageSource;
import org.darkroom.door.JobExchange;
import org.darkroom.door.RequestId;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.LogText;
import org.darkroom.intake.SafePaths;
import org.darkroom.intake.WorkArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-folder door: adapts a picked-up file into a flow request and renders the outcome as files.
 *
 * <p>Success writes {@code outbox/<inbox>/<name>.<ext>} (when the flow makes an image) and then
 * {@code <name>.json}; failure writes {@code failed/<inbox>/<name>.error.json} (names in {@code failed/} follow
 * {@link FailedNames}). Output names keep the whole input
 * name, so {@code photo.jpg} and {@code photo.png} never share one, and a restarted job rewrites the same names.
 * A success also clears an earlier failure of the same name from {@code failed/}.
 * camel-file then moves the input to {@code archive/} or {@code failed/}, after these files are committed.
 */
public final class InboxDoor {
    /** Exchange property holding the inbox name, set by the inbox route template. */
    public static final String INBOX = "darkroom.inbox";
    private static final Logger LOG = LoggerFactory.getLogger(InboxDoor.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DataLayout layout;
    private final Map<String, InboxBinding> bindings;
    private final WorkArea workArea;
    private final BatchProgress progress;

    public InboxDoor(DataLayout layout, List<InboxBinding> bindings, WorkArea workArea, BatchProgress progress) {
        this.layout = layout;
        this.bindings = bindings.stream().collect(Collectors.toMap(InboxBinding::name, Function.identity()));
        this.workArea = workArea;
        this.progress = progress;
    }

    public List<InboxBinding> bindings() {
        return List.copyOf(bindings.values());
    }

    /** Route step, before any work: the name the input is kept under in {@code failed/} should it fail. */
    public String failedName(Exchange exchange) {
        return FailedNames.of(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class)).stored();
    }

    /** Route step: the picked-up file as a flow request, with the inbox's parameters (parsed at start-up). */
    public void read(Exchange exchange) {
        JobExchange.begin(exchange, Door.INBOX, RequestId.create(), System.nanoTime());
        InboxBinding binding = binding(exchange);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        JobExchange.sourceName(exchange, binding.name() + "/" + name);
        exchange.setProperty(FlowExchange.FLOW, binding.flow().name());
        progress.track(exchange, binding.name(), name);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        if (Files.isSymbolicLink(file) && !SafePaths.isInside(file, layout.inbox(binding.name()))) {
            throw new DarkroomException(ErrorCode.PATH_DENIED, "The file is a link to a place outside the inbox."
                    + " Copy the image itself into the inbox.");
        }
        if (!Files.isRegularFile(file)) {
            // Replaced by a pipe or folder since the poller listed it: opening a pipe would block this thread.
            throw new DarkroomException(ErrorCode.NOT_A_FILE);
        }
        JobExchange.request(exchange, FlowRequest.prepared(binding.flow().name(), binding.params(),
                ImageSource.file(file, file.getFileName().toString())));
    }

    /** Route step, after {@link FlowCall#done}: commits the flow's outputs to the outbox, image first, record last. */
    public void deliver(Exchange exchange) {
        InboxLeases.requireHeld(exchange);
        InboxBinding binding = binding(exchange);
        FlowResult result = exchange.getMessage().getBody(FlowResult.class);
        String name = JobExchange.input(exchange).originalName();
        Path outbox = layout.outbox(binding.name());
        if (result.hasImage()) {
            AtomicFiles.moveInto(result.image(), outbox.resolve(name + "." + result.imageExtension()));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("inbox", binding.name());
        record.putAll(JobExchange.record(exchange));
        AtomicFiles.write(json(record), JobExchange.job(exchange).path(), outbox.resolve(name + ".json"));
        StaleFailures.clear(layout.failed(binding.name()), name);
    }

    /**
     * Error step, after {@link FlowCall#failed}: records why the file failed, and camel-file then moves it to
     * {@code failed/}; or, when nothing is wrong with the file ({@code not_ready}: a stop, a full disk, a failed
     * ImageMagick check), leaves it in its inbox for a later poll.
     */
    public void reject(Exchange exchange) {
        InboxBinding binding = binding(exchange);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        DarkroomException error = FlowCall.failure(exchange);
        if (error.code() == ErrorCode.NOT_READY) {
            InboxProcessStrategy.leaveInInbox(exchange);
            return;
        }
        if (!InboxLeases.stillHeld(exchange)) {
            // Another node may be done with the file already (one way this job could fail: its input vanished).
            InboxProcessStrategy.leaveInInbox(exchange);
            LOG.warn("inbox={} file={} left to the node that holds it, not failed: {}", binding.name(),
                    LogText.of(name), InboxLeases.LOST);
            return;
        }
        if (!FailureRecords.write(layout.failed(binding.name()), workArea.root(), FailedNames.of(name), error.code(),
                error.publicMessage(), JobExchange.requestId(exchange), JobExchange.node(exchange))) {
            // No room for the record: an input in failed/ without its reason would be lost to its owner.
            InboxProcessStrategy.leaveInInbox(exchange);
            LOG.warn("inbox={} file={} left in the inbox: no room to record its failure ({})", binding.name(),
                    LogText.of(name), error.code().code());
        }
    }

    private InboxBinding binding(Exchange exchange) {
        return bindings.get(exchange.getProperty(INBOX, String.class));
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Records hold only JSON-able values", e);
        }
    }
}
