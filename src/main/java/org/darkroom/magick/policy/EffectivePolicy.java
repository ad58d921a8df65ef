package org.darkroom.magick.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The policy an ImageMagick binary actually applies, read from what {@code convert -list policy} (IM6) or
 * {@code magick -list policy} (IM7) prints: every loaded file's rules, in the order ImageMagick evaluates them.
 *
 * <p>Both versions print the same layout ({@code ListPolicyInfo} is shared code): a {@code Path:} line per file,
 * then {@code Policy: Domain} with {@code rights:}/{@code pattern:} lines, or {@code name:}/{@code value:} lines
 * for resource, system and cache rules. IM6 ends the rights line with a space and starts with a blank line;
 * IM7's documentation shows neither, and Windows builds end lines with CRLF, so the parser ignores all three.
 * Rules marked {@code stealth} are never printed, so they cannot be seen here.
 */
public final class EffectivePolicy {
    private final List<PolicyRule> rules;
    private final List<String> sources;

    private EffectivePolicy(List<PolicyRule> rules, List<String> sources) {
        this.rules = List.copyOf(rules);
        this.sources = List.copyOf(sources);
    }

    /**
     * Parses {@code -list policy} output. Unknown lines are ignored so that a newer ImageMagick still parses, but
     * an unknown rights word throws {@link IllegalArgumentException}: a right we cannot read is not a right we
     * can vouch for.
     */
    public static EffectivePolicy parse(String listPolicyOutput) {
        List<PolicyRule> rules = new ArrayList<>();
        LinkedHashSet<String> sources = new LinkedHashSet<>();
        String source = null;
        Builder rule = null;
        for (String line : listPolicyOutput.split("\\R")) {
            String text = line.strip();
            int colon = text.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = text.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).strip();
            switch (key) {
                case "path" -> {
                    add(rules, rule);
                    rule = null;
                    source = value;
                    sources.add(value);
                }
                case "policy" -> {
                    add(rules, rule);
                    rule = new Builder(value, source);
                }
                case "rights" -> set(rule, b -> b.rights = value);
                case "pattern" -> set(rule, b -> b.pattern = value);
                case "name" -> set(rule, b -> b.name = value);
                case "value" -> set(rule, b -> b.value = value);
                default -> { }
            }
        }
        add(rules, rule);
        return new EffectivePolicy(rules, new ArrayList<>(sources));
    }

    /**
     * The policy files ImageMagick loaded, in the order they first appear. Our file should come first; the
     * system policy follows, then {@code [built-in]}. A file can be listed twice: ImageMagick moves a setting
     * (such as a resource limit) to the front of its list when it looks it up, so its {@code Path:} repeats.
     */
    public List<String> sources() {
        return sources;
    }

    /** Every listed rule, in evaluation order. */
    public List<PolicyRule> rules() {
        return rules;
    }

    /**
     * Whether ImageMagick grants {@code right} on {@code subject} in {@code domain} (coder, module, delegate,
     * filter or path): allowed unless a rule matches, and then the last matching rule decides. Coder and module
     * names are compared in upper case, as ImageMagick upper-cases them before matching case-sensitive globs.
     * Path subjects are matched as given; IM7 also matches their canonical forms, so pass canonical paths.
     */
    public boolean allows(String domain, String subject, Right right) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (PolicyRule.isSettingDomain(d)) {
            throw new IllegalArgumentException("-list policy does not show rights for the " + d + " domain");
        }
        String s = d.equals("coder") || d.equals("module") ? subject.toUpperCase(Locale.ROOT) : subject;
        boolean allowed = true;
        for (PolicyRule rule : rules) {
            if (rule.domain().equals(d) && Glob.matches(s, rule.pattern())) {
                allowed = rule.grants(right);
            }
        }
        return allowed;
    }

    /** The value ImageMagick uses for a resource limit: the first listed rule that names it (it wins). */
    public Optional<String> resourceValue(String name) {
        return rules.stream()
                .filter(r -> r.domain().equals("resource") && name.equalsIgnoreCase(r.name()))
                .findFirst()
                .map(PolicyRule::value);
    }

    private static void add(List<PolicyRule> rules, Builder rule) {
        if (rule != null) {
            rules.add(new PolicyRule(rule.domain, rule.name, rule.pattern, Right.parse(rule.rights), rule.value,
                    rule.source));
        }
    }

    private static void set(Builder rule, Consumer<Builder> setter) {
        if (rule != null) {
            setter.accept(rule);
        }
    }

    private static final class Builder {
        final String domain;
        final String source;
        String name;
        String pattern;
        String rights;
        String value;

        Builder(String domain, String source) {
            this.domain = domain;
            this.source = source;
        }
    }
}
