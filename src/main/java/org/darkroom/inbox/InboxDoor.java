package org.darkroom.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.LogText;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.DeclaredType;
import org.darkroom.intake.Intake;
import org.darkroom.intake.JobDir;
import org.darkroom.door.JobExchange;
import org.darkroom.door.JobRecord;
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
    private static final String DOOR = "inbox";
    private static final Logger LOG = LoggerFactory.getLogger(InboxDoor.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DataLayout layout;
    private final Map<String, InboxBinding> bindings;
    private final Intake intake;
    private final WorkArea workArea;
    private final BatchProgress progress;
    private final DarkroomMetrics metrics;
    private final BooleanSupplier ready;

    /** {@code ready} says whether jobs can run now (ImageMagick checked, disk space, not stopping). */
    public InboxDoor(DataLayout layout, List<InboxBinding> bindings, Intake intake, WorkArea workArea,
                     BatchProgress progress, DarkroomMetrics metrics, BooleanSupplier ready) {
        this.ready = ready;
        this.layout = layout;
        this.bindings = bindings.stream().collect(Collectors.toMap(InboxBinding::name, Function.identity()));
        this.intake = intake;
        this.workArea = workArea;
        this.progress = progress;
        this.metrics = metrics;
    }

    public List<InboxBinding> bindings() {
        return List.copyOf(bindings.values());
    }

    /** Route step, before any work: the name the input is kept under in {@code failed/} should it fail. */
    public String failedName(Exchange exchange) {
        return FailedNames.of(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class)).stored();
    }

    /** Route step: intake of the picked-up file, then the properties the flow route reads. */
    public void accept(Exchange exchange) {
        if (!ready.getAsBoolean()) {
            // Nothing is wrong with the input: it stays in its inbox and is picked up again once work can run.
            throw new DarkroomException(ErrorCode.NOT_READY);
        }
        InboxBinding binding = binding(exchange);
        progress.track(exchange, binding.name(), exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class));
        JobDir job = JobExchange.open(exchange, workArea);
        binding.flow().requireAvailable();
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        if (Files.isSymbolicLink(file) && !SafePaths.isInside(file, layout.inbox(binding.name()))) {
            throw new DarkroomException(ErrorCode.PATH_DENIED, "The file is a link to a place outside the inbox."
                    + " Copy the image itself into the inbox.");
        }
        if (!Files.isRegularFile(file)) {
            // Replaced by a pipe or folder since the poller listed it: opening a pipe would block this thread.
            throw new DarkroomException(ErrorCode.NOT_A_FILE);
        }
        AcceptedImage input = intake.receive(file, DeclaredType.name(file.getFileName().toString()), job);
        JobExchange.handOver(exchange, binding.flow(), binding.params(), input);
    }

    /** Route step: commits the flow's outputs to the outbox, image first, sidecar last. */
    public void deliver(Exchange exchange) {
        InboxBinding binding = binding(exchange);
        FlowResult result = exchange.getMessage().getBody(FlowResult.class);
        AcceptedImage input = JobExchange.input(exchange);
        JobDir job = JobExchange.job(exchange);
        String name = input.originalName();
        long elapsed = JobExchange.elapsedMillis(exchange);
        Path outbox = layout.outbox(binding.name());
        if (result.hasImage()) {
            AtomicFiles.moveInto(result.image(), outbox.resolve(name + "." + result.imageExtension()));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("inbox", binding.name());
        record.putAll(JobRecord.of(binding.flow().name(), binding.params(), input, result, elapsed));
        AtomicFiles.write(json(record), job.path(), outbox.resolve(name + ".json"));
        StaleFailures.clear(layout.failed(binding.name()), name);
        metrics.request(DOOR, binding.flow().name(), "ok", elapsed * 1_000_000);
        LOG.info("inbox={} file={} flow={} bytes={} ms={} outcome=done", binding.name(), LogText.of(name),
                binding.flow().name(), input.bytes(), elapsed);
    }

    /** Error step: records why the file failed; camel-file then moves it to {@code failed/}. */
    public void reject(Exchange exchange) {
        InboxBinding binding = binding(exchange);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DarkroomException error = DarkroomException.unwrap(caught);
        if (error.code() == ErrorCode.NOT_READY) {
            // The stop cut the job short, or the disk is full: nothing is wrong with the input, which stays in the
            // inbox for a later poll. Readiness logs the reason once; this repeats at every poll until it clears.
            InboxProcessStrategy.leaveInInbox(exchange);
            LOG.debug("inbox={} file={} left in the inbox: {}", binding.name(), LogText.of(name),
                    LogText.of(error.detail()));
            return;
        }
        if (error.code() == ErrorCode.INTERNAL) {
            // The cause's message may hold the file name: escaped here, the stack trace only at DEBUG.
            LOG.error("inbox={} file={} failed unexpectedly: {}", binding.name(), LogText.of(name),
                    LogText.of(String.valueOf(caught)));
            LOG.debug("inbox={} file={} failed unexpectedly", binding.name(), LogText.of(name), caught);
        }
        if (!FailureRecords.write(layout.failed(binding.name()), workArea.root(), FailedNames.of(name), error.code(),
                error.publicMessage())) {
            // No room for the record: an input in failed/ without its reason would be lost to its owner.
            InboxProcessStrategy.leaveInInbox(exchange);
            LOG.warn("inbox={} file={} left in the inbox: no room to record its failure ({})", binding.name(),
                    LogText.of(name), error.code().code());
            return;
        }
        metrics.request(DOOR, binding.flow().name(), error.code().code(), JobExchange.elapsedMillis(exchange) * 1_000_000);
        LOG.warn("inbox={} file={} flow={} ms={} outcome=failed code={} detail={}", binding.name(), LogText.of(name),
                binding.flow().name(), JobExchange.elapsedMillis(exchange), error.code().code(),
                LogText.of(error.detail()));
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
