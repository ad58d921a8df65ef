package org.darkroom.magick.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One ImageMagick policy rule, from a policy.xml file or from the effective list {@code -list policy} prints.
 *
 * @param domain lower case: coder, module, delegate, filter, path, resource, system, cache or undefined
 * @param name   the setting a resource, system or cache rule names (and the system symlink rule), else null
 * @param pattern the glob a rights rule applies to; null matches everything, as in ImageMagick
 * @param rights the rights granted; empty means none (and is all that {@code -list policy} shows for named rules)
 * @param value  the value of a resource, system or cache rule, else null
 * @param source the file the rule came from, as ImageMagick names it ({@code [built-in]} for its own)
 */
public record PolicyRule(String domain, String name, String pattern, Set<Right> rights, String value, String source) {

    public PolicyRule {
        domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
        rights = Set.copyOf(rights);
    }

    /**
     * Whether ImageMagick lists this rule by name and value rather than by rights and pattern: its
     * {@code -list policy} prints only name and value for the resource, system and cache domains.
     */
    public boolean isSetting() {
        return isSettingDomain(domain);
    }

    static boolean isSettingDomain(String domain) {
        return switch (domain) {
            case "resource", "system", "cache" -> true;
            default -> false;
        };
    }

    /** Whether the rule grants {@code right}. */
    public boolean grants(Right right) {
        return rights.contains(right);
    }

    /** The rule as a person reads it in a log line, without its source. */
    public String describe() {
        if (isSetting()) {
            return domain + " " + name + (value == null ? "" : " = " + value);
        }
        String granted = rights.isEmpty() ? "none" : String.join("|", rights.stream()
                .sorted().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
        return domain + " " + (pattern == null ? "(any)" : pattern) + " -> " + granted;
    }
}
