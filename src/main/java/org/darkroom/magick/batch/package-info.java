/**
 * Several planned ImageMagick jobs in one {@code mogrify} process: the same per-file outputs as the single path, with
 * ImageMagick's start-up paid once per batch instead of once per file.
 *
 * <p>How the drop folder uses it ({@link org.darkroom.magick.batch.SharedProcesses}, which gathers the files with
 * {@link org.darkroom.magick.batch.GatheredRuns}):
 * <ol>
 *   <li>{@code BatchCandidate.of} for each planned job: its key (jobs share a process only when their keys are
 *       equal; a job without a key always runs alone), its input bytes and its pixels, read once.</li>
 *   <li>{@code BatchBounds.admits} while gathering, so a batch stays within its count, input bytes and pixels, and
 *       one huge file runs alone.</li>
 *   <li>Take ONE worker permit, call {@link org.darkroom.magick.batch.BatchRunner#run}, give the permit back.</li>
 *   <li>Per job, by its {@link org.darkroom.magick.batch.BatchOutcome}: {@code DONE} (its output is at
 *       {@code job.output()}, exactly as the single path writes it), {@code RUN_ALONE} (send it through
 *       {@code direct:magick} as before, which gives a bad input its exact error code) or {@code NOT_READY} (a stop
 *       or a full disk; leave the input where it is, as for the single path's {@code not_ready}).</li>
 * </ol>
 *
 * <p>The process runs in the same clean environment, under the same policy and limits as a single job, with
 * explicit coders on every input and server-chosen names: the inputs are hard-linked into a private batch directory
 * in the work area (the policy refuses to follow symbolic links), and mogrify writes to a separate output directory
 * ({@code -path}) in the type given by {@code -format}, never over its inputs and never in a type guessed from a
 * name. If the process fails in any way, no output of it is kept.
 */
package org.darkroom.magick.batch;
