package org.darkroom.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A copy of Darkroom's ImageMagick policy in a folder of the test's own, which the test can swap for a weak one
 * under a running service (its periodic check then fails) and put back, each by an atomic rename.
 */
public final class SwappablePolicy {
    private static final String WEAK = "<policymap>\n  <policy domain=\"coder\" rights=\"read|write\" pattern=\"*\"/>\n"
            + "</policymap>\n";
    private final Path dir;

    private SwappablePolicy(Path dir) {
        this.dir = dir;
    }

    /** The policy folder, holding Darkroom's own policy: give it as {@code darkroom.magick.policy-dir}. */
    public static SwappablePolicy in(Path dir) throws IOException {
        SwappablePolicy policy = new SwappablePolicy(Files.createDirectories(dir));
        policy.restore();
        return policy;
    }

    public Path dir() {
        return dir;
    }

    /** Replaces the policy with one that denies nothing, which the service must not accept as its own. */
    public void weaken() throws IOException {
        replaceWith(Files.writeString(dir.resolve("weak.xml.new"), WEAK));
    }

    /** Puts Darkroom's own policy back. */
    public void restore() throws IOException {
        replaceWith(Files.copy(Samples.projectDir().resolve("policy/policy.xml"), dir.resolve("policy.xml.new"),
                StandardCopyOption.REPLACE_EXISTING));
    }

    private void replaceWith(Path staged) throws IOException {
        Files.move(staged, dir.resolve("policy.xml"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
