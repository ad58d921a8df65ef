package org.darkroom;

import org.darkroom.config.SettingException;
import org.darkroom.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.darkroom.door.Admission;
import org.darkroom.door.AdmissionSettings;
import org.darkroom.door.FlowCall;
import org.darkroom.door.JobLog;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.http.BodyGate;
import org.darkroom.http.ConnectionLimits;
import org.darkroom.http.Http1Vertx;
import org.darkroom.http.HttpDoor;
import org.darkroom.http.UploadDirectory;
import org.darkroom.startup.StreamCacheSpool;
import org.darkroom.http.HttpDoors;
import org.darkroom.http.ServerErrors;
import org.darkroom.flow.DiskSpace;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.GracefulStop;
import org.darkroom.flow.Workers;
import org.darkroom.inbox.BatchProgress;
import org.darkroom.inbox.DataLayout;
import org.darkroom.inbox.InboxBinding;
import org.darkroom.inbox.InboxBindings;
import org.darkroom.inbox.InboxDoor;
import org.darkroom.inbox.InboxProcessStrategy;
import org.darkroom.inbox.InboxRoutes;
import org.darkroom.inbox.SettledFiles;
import org.darkroom.inbox.Strays;
import org.darkroom.intake.Intake;
import org.darkroom.intake.IntakeLimits;
import org.darkroom.intake.WorkArea;
import org.darkroom.fetch.FetchSettings;
import org.darkroom.fetch.HostResolver;
import org.darkroom.fetch.UrlFetcher;
import org.darkroom.magick.JobBudget;
import org.darkroom.magick.MagickBinary;
import org.darkroom.magick.MagickEnvironment;
import org.darkroom.magick.MagickExecutor;
import org.darkroom.magick.MagickHealthCheck;
import org.darkroom.magick.MagickProbe;
import org.darkroom.magick.MagickRunner;
import org.darkroom.magick.RunningMagick;
import org.darkroom.magick.flows.MagickFlows;
import org.darkroom.startup.ClosedOnStop;
import org.darkroom.startup.DataDirLock;
import org.darkroom.startup.DataDirectory;
import org.darkroom.startup.HttpAddress;
import org.darkroom.startup.RouteSettings;
import org.darkroom.mcp.McpDoors;
import org.darkroom.mcp.StandardStreams;
import org.darkroom.vision.flows.VisionFlows;
import org.darkroom.vision.service.VisionLifecycle;
import org.darkroom.vision.service.VisionService;
import org.darkroom.vision.service.VisionSettings;
import org.darkroom.vision.service.VisionStartup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Darkroom's beans from settings and binds them under the names the routes use.
 *
 * <p>Everything that can be wrong with the configuration or the machine is found here, before any route starts.
 */
public final class DarkroomConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(DarkroomConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Doors doors = Doors.parse(settings.requiredText(Doors.KEY));
        Path startDir = Path.of(settings.requiredText("darkroom.start-dir"));
        Path home = Path.of(settings.requiredText("darkroom.home"));
        // Values no bean reads are checked first, so a wrong one is reported before anything is claimed or loaded.
        HttpAddress.port(settings);
        HttpAddress address = doors.http() ? HttpAddress.read(settings) : null;
        RouteSettings.check(settings);
        // ImageMagick's policy refuses paths through symbolic links, so every path it sees must be a real one.
        DataLayout layout = new DataLayout(DataDirectory.open(settings.path("darkroom.data", startDir)));
        // A stdio MCP server watches no folder and holds no port, and an assistant may start it beside a running
        // service on the same data directory: it takes no lock (see README). Every process, it too, works in a
        // directory of its own in the work area, which no other process's start removes while it lives.
        DataDirLock lock = doors.servesDataDir() ? DataDirLock.acquire(layout.root()) : null;
        WorkArea workArea = null;
        try {
            if (address != null) {
                address.ensureFree();
            }
            workArea = WorkArea.claim(layout.work());
            configure(context, settings, doors, layout, workArea, address, startDir, home);
        } catch (Exception | Error e) {
            // The context may never be stopped after a failed configuration; a later start must find both free.
            if (workArea != null) {
                workArea.release();
            }
            if (lock != null) {
                lock.stop();
            }
            throw e;
        }
        if (lock != null) {
            context.addService(lock);
        }
        context.addService(new ClosedOnStop(workArea));
    }

    private void configure(CamelContext context, Settings settings, Doors doors, DataLayout layout, WorkArea workArea,
                           HttpAddress address, Path startDir, Path home) throws Exception {

        Workers workers = new Workers(Workers.size(settings.nonNegativeInt("darkroom.workers")));
        IntakeLimits limits = new IntakeLimits(settings.bytes("darkroom.limits.max-bytes"),
                settings.positiveLong("darkroom.limits.max-pixels"), settings.positiveInt("darkroom.limits.max-frames"));
        MagickEnvironment environment = new MagickEnvironment(
                MagickBinary.find(settings.text("darkroom.magick.binary").orElse(null)),
                settings.path("darkroom.magick.policy-dir", home), workArea.root(),
                settings.positiveInt("darkroom.magick.threads"),
                MagickEnvironment.timeLimitAbove(settings.positiveLong("darkroom.magick.timeout-ms")),
                settings.bytes("darkroom.magick.max-memory"), limits.maxFrames(), limits.maxPixels());
        MagickProbe.verify(environment);
        DarkroomMetrics metrics = new DarkroomMetrics(context);
        MagickHealthCheck magickHealth = new MagickHealthCheck(environment,
                settings.positiveLong("darkroom.magick.recheck-ms"));
        HealthCheckRegistry.get(context).register(magickHealth);
        DiskSpace disk = new DiskSpace(layout.root(), settings.bytes("darkroom.data.min-free"),
                settings.positiveLong("darkroom.data.full-retry-ms"));
        HealthCheckRegistry.get(context).register(disk);
        VisionService vision = VisionStartup.start(VisionSettings.read(settings, startDir), home);
        RunningMagick runningMagick = new RunningMagick();
        GracefulStop stop = new GracefulStop(() -> runningMagick.stopAll() + vision.gate().stopAll());
        context.getManagementStrategy().addEventNotifier(stop);
        BooleanSupplier ready = () -> !stop.isStopping() && magickHealth.isReady() && disk.isReady();

        Intake intake = new Intake(limits);
        MagickFlows magickFlows = new MagickFlows(new JobBudget(limits.maxPixels(),
                settings.positiveLong("darkroom.limits.max-work")));
        context.addService(new VisionLifecycle(vision));
        VisionFlows visionFlows = new VisionFlows(vision, metrics, intake.limits().maxPixels());
        List<FlowSpec> specs = new ArrayList<>(magickFlows.specs());
        specs.addAll(visionFlows.specs());
        FlowCatalog catalog = new FlowCatalog(specs);

        List<InboxBinding> bindings = inboxBindings(settings, catalog);
        BatchProgress progress = new BatchProgress(layout, settings.positiveLong("darkroom.drop.progress-interval-ms"));
        context.addService(progress);

        var registry = context.getRegistry();
        registry.bind("darkroomLayout", layout);
        registry.bind("catalog", catalog);
        registry.bind("workers", workers);
        registry.bind("intake", intake);
        registry.bind("magickFlows", magickFlows);
        registry.bind("visionEncode", visionFlows.encode());
        registry.bind("visionAnswer", visionFlows.answers());
        vision.loaded().ifPresent(model -> {
            registry.bind("moondreamEncoder", model.encoder());
            registry.bind("moondreamEncoderTranslator", model.encoderTranslator());
        });
        registry.bind("magickRunner", new MagickRunner(environment, settings.positiveLong("darkroom.magick.timeout-ms"),
                metrics, stop, disk));
        registry.bind(MagickExecutor.BEAN, new MagickExecutor(runningMagick));
        // One fetcher for every door: the same URL rules, and one camel-http component with its guarded resolver.
        UrlFetcher fetcher = new UrlFetcher(context, fetchSettings(settings, intake.limits().maxBytes()),
                HostResolver.SYSTEM);
        // The one lifecycle of every door's requests, under the service's one limit of work in progress.
        Admission admission = AdmissionSettings.read(settings, workers.size());
        JobLog.use(jobLogFormat(settings));
        registry.bind("flowCall", new FlowCall(catalog, intake, fetcher, workArea, admission, ready, metrics));
        StreamCacheSpool.place(context, workArea);
        HttpDoor httpDoor = null;
        BodyGate httpBodies = null;
        if (doors.http()) {
            httpDoor = HttpDoors.create(settings, catalog, intake.limits().maxBytes(), workArea, admission, metrics,
                    stop::isStopping);
            registry.bind("httpDoor", httpDoor);
            httpBodies = httpDoor.bodyGate();
            registry.bind("httpBodies", httpBodies);
            UploadDirectory.place(context, workArea);
            registry.bind("darkroomVertx", Http1Vertx.create(ConnectionLimits.from(settings), metrics));
        }
        if (doors.mcp()) {
            McpDoors mcp = McpDoors.create(context, settings, startDir, catalog, intake.limits().maxBytes(),
                    admission, metrics, workers.size());
            registry.bind("mcpDoor", mcp.door());
            if (httpDoor != null) {
                registry.bind("mcpHttp", mcp.streamableHttp(httpDoor.requiresApiKeys()));
            }
            if (doors.mcpStdio()) {
                mcp.serveStdio(context, registry.lookupByNameAndType(StandardStreams.BEAN, StandardStreams.class));
            }
        }
        BodyGate bodies = httpBodies;
        InboxDoor inboxDoor = new InboxDoor(layout, bindings, workArea, progress);
        registry.bind("inboxDoor", inboxDoor);
        registry.bind(InboxProcessStrategy.BEAN, new InboxProcessStrategy());
        registry.bind("settledFiles", new SettledFiles(settings.positiveLong("darkroom.drop.settle-ms")));
        registry.bind("inboxStrays", new Strays(layout, settings.positiveLong("darkroom.drop.settle-ms"),
                workArea.root(), metrics, bindings.stream().collect(Collectors.toMap(InboxBinding::name,
                        binding -> binding.flow().name()))));

        // Inbox routes are stamped from a template that lives in routes/, so they can only be added once the
        // YAML routes are loaded: when the context has fully started.
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                if (address != null) {
                    address.ensureListening(started);
                }
                if (doors.inbox()) {
                    InboxRoutes.add(started, inboxDoor, layout, workers.size());
                }
                ServerErrors.install(started);
                if (bodies != null) {
                    bodies.install(started);
                }
                LOG.info("{} (doors: {})", Darkroom.READY, doors);
            }
        });
    }

    /** URL fetching rules from {@code darkroom.fetch.*}; the byte cap is intake's. */
    private static FetchSettings fetchSettings(Settings settings, long maxBytes) {
        return new FetchSettings(settings.flag("darkroom.fetch.allow-http"),
                settings.list("darkroom.fetch.allowed-hosts"), settings.list("darkroom.fetch.denied-hosts"),
                settings.flag("darkroom.fetch.allow-private-addresses"),
                settings.nonNegativeInt("darkroom.fetch.max-redirects"),
                Duration.ofMillis(settings.positiveLong("darkroom.fetch.connect-timeout-ms")),
                Duration.ofMillis(settings.positiveLong("darkroom.fetch.read-timeout-ms")), maxBytes)
                .withPrivateHostsAllowed(settings.list("darkroom.fetch.private-hosts"));
    }

    private static JobLog.Format jobLogFormat(Settings settings) {
        String value = settings.requiredText(JobLog.FORMAT_KEY);
        try {
            return JobLog.Format.of(value);
        } catch (IllegalArgumentException e) {
            throw Settings.invalid(JobLog.FORMAT_KEY, "must be text or json, not '" + value + "'");
        }
    }

    /** A wrong inbox parameter is a wrong setting, whatever the inbox code calls it. */
    private static List<InboxBinding> inboxBindings(Settings settings, FlowCatalog catalog) {
        try {
            return InboxBindings.read(
                    InboxBindings.keys(settings.withPrefix(InboxBindings.PREFIX), System.getProperties()),
                    key -> settings.text(key).orElse(""), catalog);
        } catch (SettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SettingException(e.getMessage(), e);
        }
    }
}
