package org.darkroom.magick.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowSpec;
import org.darkroom.magick.JobBudget;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.flows.MagickFlows;
import org.darkroom.testing.AcceptedFiles;
import org.darkroom.testing.RunningDarkroom;

/**
 * Plans real jobs the way the flows do, in job directories beside a running Darkroom's work area (one file system,
 * as in service), and runs them through its batch runner or, one by one, through its {@code magick} route.
 */
final class BatchFixture {
    private final RunningDarkroom darkroom;
    private final Path jobs;
    /** Budget checks are the flows' part, not the batch's: slow jobs planned here must be allowed to run. */
    private final MagickFlows flows = new MagickFlows(new JobBudget(1_000_000_000L, Long.MAX_VALUE));
    private int next;

    BatchFixture(RunningDarkroom darkroom, Path jobs) {
        this.darkroom = darkroom;
        this.jobs = jobs;
    }

    /** The job {@code flow} plans for a copy of {@code image} with {@code params}, in a job directory of its own. */
    MagickJob plan(String flow, Map<String, ?> params, Path image) {
        FlowSpec spec = flows.specs().stream().filter(s -> s.name().equals(flow)).findFirst().orElseThrow();
        Exchange exchange = new DefaultExchange(darkroom.main().getCamelContext());
        exchange.setProperty(FlowExchange.FLOW, flow);
        exchange.setProperty(FlowExchange.PARAMS, spec.params().parse(params));
        exchange.setProperty(FlowExchange.INPUT, AcceptedFiles.copy(image, jobs.resolve("job-" + next++)));
        return flows.plan(exchange);
    }

    BatchRunner runner() {
        return darkroom.main().getCamelContext().getRegistry().lookupByNameAndType(BatchRunner.BEAN,
                BatchRunner.class);
    }

    /** Runs {@code job} through the single path ({@code direct:magick}); its error, when it fails. */
    DarkroomException runAlone(MagickJob job) {
        try {
            darkroom.main().getCamelContext().createFluentProducerTemplate().to("direct:magick").withBody(job).request();
            return null;
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof DarkroomException error) {
                return error;
            }
            throw e;
        }
    }

    /** The single path's output for the same input and parameters, planned anew in a job directory of its own. */
    byte[] singlePathBytes(String flow, Map<String, ?> params, Path image) {
        MagickJob job = plan(flow, params, image);
        DarkroomException error = runAlone(job);
        if (error != null) {
            throw new AssertionError("the single path failed: " + error.code(), error);
        }
        return bytes(job.output());
    }

    /** ImageMagick processes working in {@code area}, found by their command line in /proc. */
    static List<ProcessHandle> imageMagickIn(Path area) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(area.toString()))
                .toList();
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files ImageMagick leaves in /tmp when it is not kept to its private directory ({@code magick-*}). */
    static List<String> imageMagickTemporaryFiles() {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("magick-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
