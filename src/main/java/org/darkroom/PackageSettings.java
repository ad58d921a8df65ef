package org.darkroom;

import java.util.Optional;
import org.darkroom.cluster.ClusterSettings;
import org.darkroom.door.Admission;
import org.darkroom.door.AdmissionSettings;
import org.darkroom.door.JobLog;
import org.darkroom.config.NodeName;
import java.nio.file.Path;
import org.darkroom.config.Settings;
import org.darkroom.fetch.FetchSettings;
import org.darkroom.inbox.DropSettings;
import org.darkroom.intake.IntakeLimits;
import org.darkroom.magick.JobBudget;
import org.darkroom.magick.MagickSettings;
import org.darkroom.magick.Workers;
import org.darkroom.startup.DataSettings;
import org.darkroom.startup.HttpAddress;
import org.darkroom.startup.RouteSettings;
import org.darkroom.vision.service.VisionSettings;
import org.darkroom.magick.batch.BatchBounds;
import org.darkroom.magick.batch.BatchSettings;

/**
 * Every package's settings, each read and checked by its own package, all before anything is claimed or loaded: a
 * wrong value stops the boot before a lock, a port, a probe or a model.
 *
 * @param address the HTTP address, or null when the HTTP door is closed
 */
record PackageSettings(Path startDir, Path home, HttpAddress address, DataSettings data, IntakeLimits limits,
                       MagickSettings magick, Workers workers, JobBudget budget, VisionSettings vision,
                       FetchSettings fetch, DropSettings drop, BatchBounds batch, Admission admission,
                       JobLog.Format jobLog,
                       String node, Optional<ClusterSettings> cluster) {

    static PackageSettings read(Settings settings, Doors doors) {
        Path startDir = Path.of(settings.requiredText("darkroom.start-dir"));
        Path home = Path.of(settings.requiredText("darkroom.home"));
        HttpAddress.port(settings);
        HttpAddress address = doors.http() ? HttpAddress.read(settings) : null;
        RouteSettings.check(settings);
        IntakeLimits limits = IntakeLimits.read(settings);
        Workers workers = Workers.read(settings);
        BatchBounds batch = BatchSettings.read(settings);
        return new PackageSettings(startDir, home, address, DataSettings.read(settings, startDir), limits,
                MagickSettings.read(settings, home), workers, JobBudget.read(settings, limits.maxPixels()),
                VisionSettings.read(settings, startDir), FetchSettings.read(settings, limits.maxBytes()),
                DropSettings.read(settings), batch, AdmissionSettings.read(settings, workers.size(), batch.maxJobs()),
                JobLog.Format.read(settings), NodeName.read(settings), ClusterSettings.read(settings));
    }
}
