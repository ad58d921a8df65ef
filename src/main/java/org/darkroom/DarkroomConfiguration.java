package org.darkroom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import java.util.Optional;
import org.darkroom.cluster.ClusterHealth;
import org.darkroom.cluster.ClusterMeters;
import org.darkroom.cluster.ClusterSettings;
import org.darkroom.cluster.LeaseStore;
import org.darkroom.flow.Meters;
import org.darkroom.door.Admission;
import org.darkroom.door.FlowCall;
import org.darkroom.door.InboxOverview;
import org.darkroom.door.JobLog;
import org.apache.camel.spi.Registry;
import org.darkroom.config.Settings;
import org.darkroom.fetch.HostResolver;
import org.darkroom.fetch.UrlFetcher;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.DiskSpace;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.GracefulStop;
import org.darkroom.http.BodyGate;
import org.darkroom.http.ConnectionLimits;
import org.darkroom.http.Http1Vertx;
import org.darkroom.http.HttpDoor;
import org.darkroom.http.HttpDoors;
import org.darkroom.http.ServerErrors;
import org.darkroom.http.UploadDirectory;
import org.darkroom.inbox.ArchivePolicy;
import org.darkroom.inbox.ArchiveRetention;
import org.darkroom.inbox.BatchProgress;
import org.darkroom.inbox.DataLayout;
import org.darkroom.inbox.DropSettings;
import org.darkroom.inbox.InboxBinding;
import org.darkroom.inbox.InboxCensus;
import org.darkroom.inbox.InboxBindings;
import org.darkroom.inbox.InboxDoor;
import org.darkroom.inbox.InboxLocking;
import org.darkroom.inbox.InboxProcessStrategy;
import org.darkroom.inbox.InboxRoutes;
import org.darkroom.inbox.SettledFiles;
import org.darkroom.inbox.Strays;
import org.darkroom.intake.Intake;
import org.darkroom.intake.WorkArea;
import org.darkroom.magick.ImageOutput;
import org.darkroom.magick.MagickEnvironment;
import org.darkroom.magick.MagickExecutor;
import org.darkroom.magick.MagickHealthCheck;
import org.darkroom.magick.MagickMetrics;
import org.darkroom.magick.MagickProbe;
import org.darkroom.magick.MagickRunner;
import org.darkroom.magick.RunningMagick;
import org.darkroom.magick.UnfinishedRun;
import org.darkroom.magick.tools.Decoders;
import org.darkroom.magick.tools.Decoding;
import org.darkroom.magick.tools.JxlEncoding;
import org.darkroom.magick.Workers;
import org.darkroom.magick.batch.BatchExec;
import org.darkroom.magick.batch.BatchRunner;
import org.darkroom.magick.batch.SharedProcesses;
import org.darkroom.magick.flows.MagickFlows;
import org.darkroom.startup.ClosedOnStop;
import org.darkroom.mcp.McpDoors;
import org.darkroom.mcp.StandardStreams;
import org.darkroom.startup.DataDirLock;
import org.darkroom.startup.DataDirectory;
import org.darkroom.startup.HttpAddress;
import org.darkroom.startup.ReadyLine;
import org.darkroom.startup.StreamCacheSpool;
import org.darkroom.vision.flows.VisionFlows;
import org.darkroom.vision.service.VisionLifecycle;
import org.darkroom.vision.service.VisionMetrics;
import org.darkroom.vision.service.VisionService;
import org.darkroom.vision.service.VisionStartup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds Darkroom's beans and binds them under the names the routes use.
 *
 * <p>It reads no setting itself: each package reads and checks its own ({@link PackageSettings}), all before
 * anything is claimed or loaded, so a wrong value stops the boot first. Then, in start-up order: the data directory
 * is claimed, ImageMagick is probed, the model loaded, and only the doors that are open are built. The file is long
 * only by its imports: it names each package's pieces once, which is its job.
 */
public final class DarkroomConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(DarkroomConfiguration.class);
    private final Doors doors;

    /** @param doors the doors {@link Darkroom#create} resolved, which also decided the route files that load */
    public DarkroomConfiguration(Doors doors) {
        this.doors = doors;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = CamelSettings.of(context);
        PackageSettings packages = PackageSettings.read(settings, doors);
        // ImageMagick's policy refuses paths through symbolic links, so every path it sees must be a real one.
        DataLayout layout = new DataLayout(DataDirectory.open(packages.data().dir()));
        // A stdio MCP server watches no folder and holds no port, and an assistant may start it beside a running
        // service on the same data directory: it takes no lock (see README). Every process, it too, works in a
        // directory of its own in the work area, which no other process's start removes while it lives.
        // A cluster node shares the data directory with the other nodes; the drop folders need the lease store.
        Optional<ClusterSettings> cluster = packages.cluster();
        LeaseStore leases = cluster.isPresent() && doors.inbox() ? LeaseStore.open(cluster.get()) : null;
        DataDirLock lock = null;
        WorkArea workArea = null;
        try {
            if (doors.servesDataDir()) {
                lock = cluster.isPresent() ? DataDirLock.acquireShared(layout.root(), cluster.get().database())
                        : DataDirLock.acquire(layout.root());
            }
            if (packages.address() != null) {
                packages.address().ensureFree();
            }
            workArea = WorkArea.claim(WorkArea.in(layout.root()));
            assemble(context, settings, packages, layout, workArea, leases);
        } catch (Exception | Error e) {
            // The context may never be stopped after a failed configuration; a later start must find all free.
            if (workArea != null) {
                workArea.release();
            }
            if (lock != null) {
                lock.stop();
            }
            if (leases != null) {
                leases.close();
            }
            throw e;
        }
        if (lock != null) {
            context.addService(lock);
        }
        context.addService(new ClosedOnStop(workArea));
        if (leases != null) {
            context.addService(new ClosedOnStop(leases));
        }
    }

    private void assemble(CamelContext context, Settings settings, PackageSettings packages, DataLayout layout,
                          WorkArea workArea, LeaseStore leases) throws Exception {
        Path startDir = packages.startDir();
        Workers workers = packages.workers();
        MagickEnvironment environment = packages.magick().environment(workArea.root(), packages.limits());
        MagickProbe.verify(environment);
        DarkroomMetrics metrics = new DarkroomMetrics(context);
        MagickHealthCheck magickHealth = new MagickHealthCheck(environment, packages.magick().recheckMillis());
        HealthCheckRegistry.get(context).register(magickHealth);
        DiskSpace disk = new DiskSpace(layout.root(), packages.data().minFreeBytes(), packages.data().fullRetryMillis());
        HealthCheckRegistry.get(context).register(disk);
        if (leases != null) {
            HealthCheckRegistry.get(context).register(new ClusterHealth(leases));
        }
        VisionService vision = VisionStartup.start(packages.vision(), packages.home());
        RunningMagick runningMagick = new RunningMagick();
        GracefulStop stop = new GracefulStop(() -> runningMagick.stopAll() + vision.gate().stopAll());
        context.getManagementStrategy().addEventNotifier(stop);
        BooleanSupplier ready = () -> !stop.isStopping() && magickHealth.isReady() && disk.isReady();

        Intake intake = new Intake(packages.limits());
        MagickFlows magickFlows = new MagickFlows(packages.budget());
        context.addService(new VisionLifecycle(vision));
        VisionFlows visionFlows = new VisionFlows(vision, new VisionMetrics(context), intake.limits().maxPixels());
        List<FlowSpec> specs = new ArrayList<>(magickFlows.specs());
        specs.addAll(visionFlows.specs());
        JxlEncoding jxl = new JxlEncoding(packages.magick().toolsDir(), environment, packages.magick().timeoutMillis(),
                new UnfinishedRun(stop, disk));
        if (!jxl.installed()) {
            // What this installation cannot write is in no door's schema, so no caller is offered it.
            LOG.info("No JPEG XL encoder in {}: format=jxl is off (install libjxl-tools)", packages.magick().toolsDir());
            specs.replaceAll(spec -> spec.without(ImageOutput.ENCODED_OUTSIDE));
        }
        FlowCatalog catalog = new FlowCatalog(specs);
        // Checked with every door: a wrong inbox setting is wrong whether or not this process watches folders.
        List<InboxBinding> bindings = InboxBindings.read(settings, catalog);

        Registry registry = context.getRegistry();
        registry.bind("workers", workers);
        registry.bind("magickFlows", magickFlows);
        registry.bind("visionEncode", visionFlows.encode());
        registry.bind("visionAnswer", visionFlows.answers());
        vision.loaded().ifPresent(model -> {
            registry.bind("moondreamEncoder", model.encoder());
            registry.bind("moondreamEncoderTranslator", model.encoderTranslator());
        });
        registry.bind("magickRunner", new MagickRunner(environment, packages.magick().timeoutMillis(),
                new MagickMetrics(context), stop, disk));
        registry.bind(MagickExecutor.BEAN, new MagickExecutor(runningMagick));
        Decoders decoders = Decoders.in(packages.magick().toolsDir());
        LOG.info("Inputs decoded outside ImageMagick: {}; JPEG XL output {}", decoders.describe(),
                jxl.installed() ? "on" : "off");
        registry.bind(Decoding.BEAN, new Decoding(decoders, environment, packages.magick().timeoutMillis(),
                new UnfinishedRun(stop, disk)));
        registry.bind(JxlEncoding.BEAN, jxl);
        registry.bind(BatchExec.BEAN, new BatchExec(new UnfinishedRun(stop, disk), new MagickMetrics(context)));
        BatchRunner batches = new BatchRunner(context, environment, packages.magick().timeoutMillis(), workArea);
        registry.bind(BatchRunner.BEAN, batches);
        registry.bind(SharedProcesses.BEAN, new SharedProcesses(batches, packages.batch(), workers));
        // One fetcher for the doors that take URLs: the same rules, and one camel-http component with its guarded
        // resolver. A process with only the inbox registers no HTTP client at all.
        UrlFetcher fetcher = doors.fetchesUrls() ? new UrlFetcher(context, packages.fetch(), HostResolver.SYSTEM) : null;
        // The one lifecycle of every door's requests, under the service's one limit of work in progress.
        Admission admission = packages.admission();
        JobLog.use(packages.jobLog(), packages.node());
        registry.bind("flowCall", new FlowCall(catalog, intake, fetcher, workArea, admission, ready, metrics,
                packages.node()));
        StreamCacheSpool.place(context, workArea);
        HttpDoor httpDoor = null;
        BodyGate httpBodies = null;
        if (doors.http()) {
            httpDoor = HttpDoors.create(settings, catalog, intake.limits().maxBytes(), workArea, admission, metrics,
                    stop::isStopping, doors.inbox() ? new InboxCensus(layout, bindings) : InboxOverview.NONE);
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
        InboxDoor inboxDoor = doors.inbox()
                ? openInbox(context, packages.drop(), layout, bindings, workArea, metrics, packages.node()) : null;
        InboxLocking locking = leases == null ? InboxLocking.single() : InboxLocking.clustered(leases::repository);
        whenStarted(context, packages, inboxDoor, layout, locking, leases, httpDoor);
    }

    /** The inbox door and the camel-file helpers its route template names; built only when folders are watched. */
    private static InboxDoor openInbox(CamelContext context, DropSettings drop, DataLayout layout,
                                       List<InboxBinding> bindings, WorkArea workArea, DarkroomMetrics metrics,
                                       String node) throws Exception {
        BatchProgress progress = new BatchProgress(layout, drop.progressIntervalMillis());
        context.addService(progress);
        Registry registry = context.getRegistry();
        InboxDoor inboxDoor = new InboxDoor(layout, bindings, workArea, progress);
        registry.bind("inboxDoor", inboxDoor);
        registry.bind(InboxProcessStrategy.BEAN, new InboxProcessStrategy());
        registry.bind("settledFiles", new SettledFiles(drop.settleMillis()));
        registry.bind("inboxStrays", new Strays(layout, drop.settleMillis(), workArea.root(), metrics,
                bindings.stream().collect(Collectors.toMap(InboxBinding::name, binding -> binding.flow().name())), node));
        return inboxDoor;
    }

    /**
     * What needs the started context: inbox routes are stamped from a template that lives in routes/, so they can
     * only be added once the YAML routes are loaded; the server's own handlers need its router.
     */
    private void whenStarted(CamelContext context, PackageSettings packages, InboxDoor inboxDoor, DataLayout layout,
                             InboxLocking locking, LeaseStore leases, HttpDoor httpDoor)
            throws Exception {
        HttpAddress address = packages.address();
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                if (address != null) {
                    address.ensureListening(started);
                }
                if (inboxDoor != null) {
                    ArchivePolicy archive = packages.drop().archive();
                    InboxRoutes.add(started, inboxDoor, layout, packages.workers().size(),
                            packages.batch().maxJobs(), locking, archive);
                    if (archive.expires()) {
                        started.addService(new ArchiveRetention(started, inboxDoor.bindings().stream()
                                .map(binding -> layout.archive(binding.name())).toList(), archive));
                    }
                }
                if (leases != null) {
                    ClusterMeters.publish(new Meters(started), leases);
                }
                ServerErrors.install(started);
                if (httpDoor != null) {
                    httpDoor.installHandlers(started);
                }
                LOG.info("{} (doors: {})", ReadyLine.TEXT, doors);
            }
        });
    }
}
