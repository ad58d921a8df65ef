package org.darkroom.magick;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.darkroom.magick.policy.EffectivePolicy;
import org.darkroom.magick.policy.PolicyFile;
import org.darkroom.magick.policy.PolicyVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check: runs the configured ImageMagick in Darkroom's clean environment and refuses to start unless
 * it answers and the policy it actually enforces holds every rule of {@code policy/policy.xml}.
 *
 * <p>It asks ImageMagick itself ({@code -list policy}) rather than reading our file, because what matters is the
 * merged policy the binary applies: another policy earlier or later on its search path could undo ours.
 */
public final class MagickProbe {
    private static final Logger LOG = LoggerFactory.getLogger(MagickProbe.class);
    private static final long PROBE_SECONDS = 30;

    private MagickProbe() {
    }

    /**
     * Returns ImageMagick's version line and logs it with the policy in force; throws
     * {@link IllegalStateException} with what to fix otherwise.
     */
    public static String verify(MagickEnvironment environment) {
        String version = check(environment);
        LOG.info("{} ({}), policy {} in force", version, environment.binary(),
                environment.policyDir().resolve("policy.xml"));
        return version;
    }

    /** {@link #verify} without the log line, for the repeated readiness checks. */
    public static String check(MagickEnvironment environment) {
        requireSetpriv();
        String version = firstLine(run(environment, List.of("-version")));
        if (!version.contains("ImageMagick")) {
            throw new IllegalStateException(environment.binary() + " did not identify itself as ImageMagick ("
                    + version + "). Set darkroom.magick.binary to ImageMagick's magick or convert.");
        }
        Path policyFile = environment.policyDir().resolve("policy.xml");
        EffectivePolicy effective = EffectivePolicy.parse(run(environment, List.of("-list", "policy")));
        List<String> violations = PolicyVerifier.violations(effective, PolicyFile.load(policyFile));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("ImageMagick at " + environment.binary() + " does not enforce "
                    + policyFile + ": " + String.join(" ", violations.subList(0, Math.min(5, violations.size())))
                    + (violations.size() > 5 ? " (and " + (violations.size() - 5) + " more)" : "")
                    + " Darkroom will not start without its policy in force.");
        }
        requireMvgRefused(environment, policyFile);
        requireTimeLimit(environment, policyFile);
        requireListLength(environment, policyFile);
        return version;
    }

    /** Without setpriv no ImageMagick process could be tied to the service's life; see {@link MagickEnvironment}. */
    private static void requireSetpriv() {
        for (String tool : List.of(MagickEnvironment.SETPRIV, MagickEnvironment.PRLIMIT)) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " (util-linux) was not found; Darkroom starts every"
                        + " ImageMagick process through it so that none outlives the service or passes its memory"
                        + " cap. Install util-linux (sudo apt-get install util-linux).");
            }
        }
    }

    /**
     * A policy's resource limits cap what {@code -limit} may set, so ask ImageMagick which time limit it would
     * really apply: a lower one would stop jobs before {@code darkroom.magick.timeout-ms} and mislead the user.
     */
    private static void requireTimeLimit(MagickEnvironment environment, Path policyFile) {
        String wanted = Integer.toString(environment.timeLimitSeconds());
        String applied = appliedLimit(environment, "time", wanted, "Time:");
        if (applied.matches("\\d+") && Long.parseLong(applied) < environment.timeLimitSeconds()) {
            throw new IllegalStateException("darkroom.magick.timeout-ms needs ImageMagick's time limit at " + wanted
                    + " s, but " + policyFile + " caps it at " + applied + " s. Lower darkroom.magick.timeout-ms or"
                    + " raise the time resource in the policy.");
        }
    }

    /**
     * ImageMagick refuses a list of frames as long as its list-length, so the frame limit needs one more: a policy
     * that caps it lower would fail inputs intake accepted, as if they had too many pixels.
     */
    private static void requireListLength(MagickEnvironment environment, Path policyFile) {
        String wanted = Integer.toString(environment.listLength());
        String applied = appliedLimit(environment, "list-length", wanted, "List length:").replaceAll("B$", "");
        if (applied.matches("\\d+") && Long.parseLong(applied) < environment.listLength()) {
            throw new IllegalStateException("darkroom.limits.max-frames=" + environment.maxFrames() + " needs"
                    + " ImageMagick's list-length at " + wanted + ", but " + policyFile + " caps it at " + applied
                    + ". Lower darkroom.limits.max-frames to " + (Long.parseLong(applied) - 1)
                    + " or raise list-length in the policy.");
        }
    }

    /** The value ImageMagick really applies when asked for {@code -limit name wanted} under the policy. */
    private static String appliedLimit(MagickEnvironment environment, String name, String wanted, String label) {
        String resources = run(environment, List.of("-limit", name, wanted, "-list", "resource"));
        return resources.lines().map(String::strip).filter(line -> line.startsWith(label))
                .map(line -> line.substring(label.length()).strip()).findFirst().orElse("");
    }

    /**
     * A canary: a harmless MVG drawing fed with an explicit {@code mvg:} prefix must be refused. Rules marked
     * {@code stealth} in another policy file never show in {@code -list policy} yet can re-allow MVG, so only
     * asking ImageMagick to act proves the policy holds.
     */
    private static void requireMvgRefused(MagickEnvironment environment, Path policyFile) {
        Path dir = environment.temporaryDir();
        Path canary = dir.resolve("policy-canary.mvg");
        Path drawn = dir.resolve("policy-canary.png");
        try {
            Files.createDirectories(dir);
            Files.writeString(canary, "viewbox 0 0 4 4\n");
            Process process = new ProcessBuilder(command(environment, List.of("mvg:" + canary, "png:" + drawn)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean finished = process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS);
            boolean refused = finished && process.exitValue() != 0 && !Files.exists(drawn);
            if (!finished) {
                process.destroyForcibly();
            }
            if (!refused) {
                throw new IllegalStateException("ImageMagick at " + environment.binary() + " drew an MVG file"
                        + " although " + policyFile + " forbids it: another policy on its configuration path"
                        + " re-allows it. Darkroom will not start without its policy in force.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run the policy canary: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing ImageMagick", e);
        } finally {
            canary.toFile().delete();
            drawn.toFile().delete();
        }
    }

    private static List<String> command(MagickEnvironment environment, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(MagickEnvironment.ENV);
        command.addAll(environment.commandLine(args));
        return command;
    }

    private static String run(MagickEnvironment environment, List<String> args) {
        try {
            Process process = new ProcessBuilder(command(environment, args)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(1 << 20);
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(environment.binary() + " did not answer within " + PROBE_SECONDS
                        + " s.");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(environment.binary() + " " + String.join(" ", args) + " failed: "
                        + firstLine(text));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + environment.binary() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing ImageMagick", e);
        }
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
