package org.darkroom.magick.batch;

import java.util.List;

/**
 * One mogrify process as the {@code magick-batch} route runs it.
 *
 * @param commandLine   the arguments of {@code /usr/bin/env}: the clean environment, the caps, mogrify and its files
 * @param timeoutMillis when camel-exec kills the process: the per-file timeout times the files
 * @param files         how many files it works on, for the log
 */
record BatchProcess(List<String> commandLine, long timeoutMillis, int files) {

    BatchProcess {
        commandLine = List.copyOf(commandLine);
    }
}
