package org.darkroom.magick.batch;

import org.darkroom.flow.DarkroomException;

/**
 * How a mogrify process ended.
 *
 * @param exitValue  its exit status; {@code null} when camel-exec reported none
 * @param unfinished the {@code not_ready} error when a stop or a full disk ended it, else {@code null}
 */
record BatchExit(Integer exitValue, DarkroomException unfinished) {

    boolean succeeded() {
        return unfinished == null && exitValue != null && exitValue == 0;
    }
}
