package org.darkroom.magick.policy;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether the policy ImageMagick reports is Darkroom's, and says in sentences why not.
 *
 * <p>Two kinds of check. Provenance: our file was loaded and every rule in it was understood (ImageMagick's
 * tokenizer can silently drop rules the XML parser keeps). Outcome: evaluated over the whole merged list,
 * exactly as ImageMagick evaluates it, the dangerous coders, modules, delegates, filters and paths are denied
 * and the eight formats are allowed. Outcome is what matters: the system policy is loaded after ours and the
 * last matching rule wins, so a file that is fully loaded can still be overridden.
 */
public final class PolicyVerifier {
    /** The formats Darkroom reads and writes; each must be allowed as coder and as module. */
    public static final List<String> ALLOWED_FORMATS =
            List.of("JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP", "HEIC", "AVIF");
    /** Coders (and the modules holding them) that read files, run programs or reach the network. */
    public static final List<String> DANGEROUS_CODERS = List.of("MVG", "MSL", "SVG", "MSVG", "TEXT", "TXT",
            "FTXT", "LABEL", "CAPTION", "PANGO", "URL", "HTTP", "HTTPS", "FTP", "FILE", "EPHEMERAL", "INLINE", "DATA",
            "PS", "PS2", "PS3", "EPS", "EPI", "PDF", "XPS", "SHOW", "WIN", "X", "PLT", "MPC", "CACHE");
    private static final List<String> DELEGATE_PROBES = List.of("https", "http", "ftp", "ps", "eps", "pdf",
            "svg", "mpeg:decode", "show", "win", "browse", "print");
    private static final List<String> PATH_PROBES = List.of("@/tmp/list.txt", "-", "fd:0", "FD:3", "|/bin/sh",
            "/etc/passwd", "/proc/self/environ", "/sys/kernel/notes", "/dev/stdin", "/tmp/job/../../etc/passwd");

    private PolicyVerifier() {
    }

    /** What is wrong with {@code effective} as a stand-in for {@code ours}; an empty list means it is ours. */
    public static List<String> violations(EffectivePolicy effective, PolicyFile ours) {
        List<String> problems = new ArrayList<>();
        Optional<String> source = effective.sources().stream().filter(s -> samePath(s, ours.path())).findFirst();
        if (source.isEmpty()) {
            problems.add("ImageMagick did not load " + ours.path() + " (it loaded " + effective.sources()
                    + "); check MAGICK_CONFIGURE_PATH and that the file parses.");
        } else {
            List<PolicyRule> loaded = effective.rules().stream().filter(r -> source.get().equals(r.source())).toList();
            for (PolicyRule rule : ours.rules()) {
                if (loaded.stream().noneMatch(r -> sameRule(r, rule))) {
                    problems.add("ImageMagick did not load the rule '" + rule.describe() + "' from " + ours.path()
                            + "; its parser reads &-references and unquoted values differently from XML.");
                }
            }
        }
        for (PolicyRule rule : ours.rules()) {
            if (rule.domain().equals("resource")) {
                String used = effective.resourceValue(rule.name()).orElse("its built-in default");
                if (!used.equalsIgnoreCase(Objects.toString(rule.value(), ""))) {
                    problems.add("ImageMagick uses " + used + " for the resource limit " + rule.name()
                            + ", not our " + rule.value() + "; another policy file sets it first.");
                }
            }
            if ((rule.domain().equals("coder") || rule.domain().equals("module")) && rule.pattern() != null
                    && !rule.pattern().equals(rule.pattern().toUpperCase(Locale.ROOT))) {
                problems.add("Our rule '" + rule.describe() + "' has lower-case letters; ImageMagick matches "
                        + rule.domain() + " names in upper case, so it never applies.");
            }
        }
        outcome(effective, problems);
        return problems;
    }

    private static void outcome(EffectivePolicy effective, List<String> problems) {
        for (String domain : List.of("coder", "module")) {
            for (String name : DANGEROUS_CODERS) {
                requireDenied(effective, domain, name, List.of(Right.READ, Right.WRITE), problems);
            }
            for (String name : ALLOWED_FORMATS) {
                requireAllowed(effective, domain, name, List.of(Right.READ, Right.WRITE), problems);
            }
        }
        // The info flow writes text with info:file; nothing may read through INFO. IM7 opens a module only when
        // it may both read and write it, so the module rule must allow both.
        // The same holds for PPM, which the vision flows write their pixels as: module PNM, which IM6 asks
        // for by the format's name.
        for (String writeOnly : List.of("INFO", "PPM")) {
            requireAllowed(effective, "coder", writeOnly, List.of(Right.WRITE), problems);
            requireDenied(effective, "coder", writeOnly, List.of(Right.READ), problems);
        }
        for (String module : List.of("INFO", "PNM", "PPM")) {
            requireAllowed(effective, "module", module, List.of(Right.READ, Right.WRITE), problems);
        }
        for (String delegate : DELEGATE_PROBES) {
            requireDenied(effective, "delegate", delegate, List.of(Right.values()), problems);
        }
        requireDenied(effective, "filter", "analyze", List.of(Right.values()), problems);
        for (String path : PATH_PROBES) {
            requireDenied(effective, "path", path, List.of(Right.READ, Right.WRITE), problems);
        }
    }

    private static void requireDenied(EffectivePolicy effective, String domain, String subject, List<Right> rights,
                                      List<String> problems) {
        for (Right right : rights) {
            if (effective.allows(domain, subject, right)) {
                problems.add("The effective policy allows " + verb(right) + " " + subject + " (" + domain
                        + "); it must be denied.");
            }
        }
    }

    private static void requireAllowed(EffectivePolicy effective, String domain, String subject, List<Right> rights,
                                       List<String> problems) {
        for (Right right : rights) {
            if (!effective.allows(domain, subject, right)) {
                problems.add("The effective policy denies " + verb(right) + " " + subject + " (" + domain
                        + "); Darkroom's flows need it.");
            }
        }
    }

    private static String verb(Right right) {
        return switch (right) {
            case READ -> "reading";
            case WRITE -> "writing";
            case EXECUTE -> "executing";
        };
    }

    private static boolean sameRule(PolicyRule listed, PolicyRule ours) {
        if (!listed.domain().equals(ours.domain())) {
            return false;
        }
        // -list policy prints name and value for settings, rights and pattern for everything else.
        return ours.isSetting()
                ? equalsIgnoreCase(listed.name(), ours.name()) && Objects.equals(listed.value(), ours.value())
                : listed.rights().equals(ours.rights()) && Objects.equals(listed.pattern(), ours.pattern());
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    private static boolean samePath(String source, Path ours) {
        try {
            Path listed = Path.of(source).toAbsolutePath().normalize();
            return listed.equals(ours) || listed.toFile().getCanonicalFile().equals(ours.toFile().getCanonicalFile());
        } catch (InvalidPathException | IOException e) {
            return false;
        }
    }
}
