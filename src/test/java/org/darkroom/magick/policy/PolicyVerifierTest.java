package org.darkroom.magick.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier against policies the real convert reports, ours and doctored ones. */
class PolicyVerifierTest {
    private static final String REALLOW_MVG = "  <policy domain=\"coder\" rights=\"read|write\" pattern=\"MVG\"/>\n";

    @TempDir
    Path work;
    private PolicyFile ours;

    @BeforeEach
    void loadOurs() throws IOException {
        Convert.assumeInstalled();
        ours = PolicyFile.load(Convert.policyDir().resolve("policy.xml"));
    }

    @Test
    void ourPolicyAsImageMagickReportsItHasNoViolations() throws Exception {
        assertThat(violations(Convert.policyDir().toString())).isEmpty();
    }

    @Test
    void theSystemPolicyAloneIsNotOurs() throws Exception {
        List<String> problems = violations(null);

        assertThat(problems).anyMatch(p -> p.startsWith("ImageMagick did not load " + ours.path()));
        assertThat(problems).anyMatch(p -> p.contains("allows reading MVG (coder)"));
        assertThat(problems).anyMatch(p -> p.contains("allows reading /etc/passwd (path)"));
    }

    @Test
    void aPolicyLoadedAfterOursThatReallowsMvgIsCaught() throws Exception {
        // The system policy comes after ours on ImageMagick's path; a second directory stands in for it here.
        Path later = Files.createDirectory(work.resolve("later"));
        Files.writeString(later.resolve("policy.xml"), "<policymap>\n" + REALLOW_MVG + "</policymap>\n");

        List<String> problems = violations(Convert.policyDir() + ":" + later);

        assertThat(problems).containsExactly(
                "The effective policy allows reading MVG (coder); it must be denied.",
                "The effective policy allows writing MVG (coder); it must be denied.");
    }

    @Test
    void anAllowRuleAppendedToOurFileIsCaught() throws Exception {
        Path doctored = Files.createDirectory(work.resolve("doctored"));
        String text = Files.readString(ours.path()).replace("</policymap>", REALLOW_MVG + "</policymap>");
        Files.writeString(doctored.resolve("policy.xml"), text);
        ours = PolicyFile.load(doctored.resolve("policy.xml"));

        assertThat(violations(doctored.toString())).isNotEmpty().allMatch(p -> p.contains("MVG (coder)"));
    }

    @Test
    void aRuleImageMagickReadsDifferentlyIsCaught() throws Exception {
        // ImageMagick's tokenizer does not decode character references: to it this pattern is the literal
        // text "&#42;", which matches nothing, while an XML parser reads "*". Verified with convert 6.9.11.
        Path doctored = Files.createDirectory(work.resolve("reference"));
        String text = Files.readString(ours.path()).replace(
                "<policy domain=\"coder\" rights=\"none\" pattern=\"*\"/>",
                "<policy domain=\"coder\" rights=\"none\" pattern=\"&#42;\"/>");
        Files.writeString(doctored.resolve("policy.xml"), text);
        ours = PolicyFile.load(doctored.resolve("policy.xml"));

        assertThat(violations(doctored.toString()))
                .anyMatch(p -> p.startsWith("ImageMagick did not load the rule 'coder * -> none'"));
    }

    @Test
    void lowerCaseCoderPatternsNeverMatch() throws Exception {
        Path dir = Files.createDirectory(work.resolve("lower"));
        Files.writeString(dir.resolve("policy.xml"),
                "<policymap><policy domain=\"coder\" rights=\"none\" pattern=\"mvg\"/></policymap>");
        ours = PolicyFile.load(dir.resolve("policy.xml"));

        assertThat(violations(dir.toString())).contains("Our rule 'coder mvg -> none' has lower-case letters;"
                + " ImageMagick matches coder names in upper case, so it never applies.");
    }

    private List<String> violations(String configurePath) throws Exception {
        return PolicyVerifier.violations(EffectivePolicy.parse(Convert.listPolicy(configurePath, work)), ours);
    }
}
