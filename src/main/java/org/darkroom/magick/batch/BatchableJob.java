package org.darkroom.magick.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.darkroom.intake.ImageType;
import org.darkroom.magick.MagickJob;

/**
 * A planned job read back into the parts a batch needs: its input and coder, its key. The single path's command line
 * is {@code [-define jpeg:size=B] coder:input[0] options… coder:output} (see {@code ImagePlan}); anything else has
 * no key.
 *
 * <p>Only options whose meaning is known to be the same in {@code mogrify} are accepted, with their number of
 * values. mogrify applies every option to each file in turn; settings before the file name also reach the decoder,
 * which none of these changes for the coders Darkroom reads (proved byte for byte in the tests). A new step added
 * to the flows runs alone until it is added here, and its identity tested.
 */
record BatchableJob(MagickJob job, String inputCoder, Path input, BatchKey key) {
    private static final Map<String, Integer> KNOWN_OPTIONS = Map.ofEntries(
            Map.entry("-auto-orient", 0), Map.entry("-flip", 0), Map.entry("-flop", 0), Map.entry("-strip", 0),
            Map.entry("+repage", 0), Map.entry("-colorspace", 1), Map.entry("-thumbnail", 1),
            Map.entry("-resize", 1), Map.entry("-gravity", 1), Map.entry("-crop", 1), Map.entry("-background", 1),
            Map.entry("-rotate", 1), Map.entry("-blur", 1), Map.entry("-sharpen", 1), Map.entry("-quality", 1));
    private static final Set<String> IMAGE_CODERS = Arrays.stream(ImageType.values()).map(ImageType::coder)
            .collect(Collectors.toUnmodifiableSet());
    /** One frame of a file at an absolute path, with an explicit coder; a job without {@code [0]} keeps all frames. */
    private static final Pattern FIRST_FRAME = Pattern.compile("([a-z0-9]+):(/[^\\[\\]]+)\\[0]");
    private static final String DECODE_HINT = "jpeg:size=";

    static Optional<BatchableJob> of(MagickJob job) {
        if (job.outputType() == null || job.output() == null || job.shape() == null) {
            return Optional.empty();
        }
        List<String> args = job.args();
        int at = 0;
        String hint = null;
        if (args.size() > 2 && args.get(0).equals("-define") && args.get(1).startsWith(DECODE_HINT)) {
            hint = args.get(1).substring(DECODE_HINT.length());
            at = 2;
        }
        int last = args.size() - 1;
        if (last <= at || !args.get(last).equals(job.outputType().coder() + ":" + job.output())) {
            return Optional.empty();
        }
        Matcher input = FIRST_FRAME.matcher(args.get(at));
        if (!input.matches() || !IMAGE_CODERS.contains(input.group(1))) {
            return Optional.empty();
        }
        List<String> operations = args.subList(at + 1, last);
        if (!onlyKnownOptions(operations)) {
            return Optional.empty();
        }
        return Optional.of(new BatchableJob(job, input.group(1), Path.of(input.group(2)),
                new BatchKey(operations, job.outputType().coder(), hint)));
    }

    private static boolean onlyKnownOptions(List<String> operations) {
        int i = 0;
        while (i < operations.size()) {
            Integer values = KNOWN_OPTIONS.get(operations.get(i));
            if (values == null || i + values >= operations.size()) {
                return false;
            }
            i += 1 + values;
        }
        return true;
    }

    /** The batch's arguments before its file names: the decode hint, then every step in the single path's order. */
    static List<String> options(BatchKey key) {
        List<String> options = new ArrayList<>();
        if (key.jpegDecodeHint() != null) {
            options.addAll(List.of("-define", DECODE_HINT + key.jpegDecodeHint()));
        }
        options.addAll(key.operations());
        return options;
    }
}
