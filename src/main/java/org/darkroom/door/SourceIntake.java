package org.darkroom.door;

import java.nio.file.Path;
import org.darkroom.fetch.UrlFetcher;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.DeclaredType;
import org.darkroom.intake.Intake;
import org.darkroom.intake.JobDir;

/** Turns any {@link ImageSource} into an accepted image in a job's directory: the one place a URL is fetched. */
final class SourceIntake {
    private final Intake intake;
    private final UrlFetcher fetcher;

    /** {@code fetcher} is {@code null} when no open door takes URLs. */
    SourceIntake(Intake intake, UrlFetcher fetcher) {
        this.intake = intake;
        this.fetcher = fetcher;
    }

    AcceptedImage receive(ImageSource source, JobDir job) {
        if (source instanceof ImageSource.OwnFile own) {
            return intake.adopt(own.file(), own.declared(), job);
        }
        if (source instanceof ImageSource.SharedFile shared) {
            return intake.receive(shared.file(), shared.declared(), job);
        }
        if (source instanceof ImageSource.Data data) {
            return intake.receive(data.bytes().get(), data.declared(), job);
        }
        ImageSource.Url url = (ImageSource.Url) source;
        if (fetcher == null) {
            throw new DarkroomException(ErrorCode.INTERNAL, null, "a URL reached a service without fetching");
        }
        Path download = job.file("download");
        fetcher.fetch(url.address(), download);
        // Written by Darkroom into the job: moved, not copied; the type comes from the bytes alone.
        return intake.adopt(download, DeclaredType.none(), job);
    }
}
