package org.darkroom.magick.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Darkroom's own policy.xml, read with the JDK's XML parser into the rules it should contribute to the
 * effective policy.
 *
 * <p>ImageMagick reads the file with its own tokenizer, which is not an XML parser: it leaves {@code &#42;} and
 * {@code &amp;} undecoded and drops unquoted attributes. Comparing what we parse here with what ImageMagick
 * lists is what catches such a difference. A DOCTYPE or an {@code <include>} is refused: ImageMagick mishandles
 * some DOCTYPEs (CVE-2026-105083, per Debian) and an include would put rules outside this file.
 */
public final class PolicyFile {
    private final Path path;
    private final List<PolicyRule> rules;

    private PolicyFile(Path path, List<PolicyRule> rules) {
        this.path = path;
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads {@code file}. Throws {@link UncheckedIOException} if it cannot be read and
     * {@link IllegalArgumentException} if it is not a plain policy map Darkroom can vouch for.
     */
    public static PolicyFile load(Path file) {
        Path path = file.toAbsolutePath().normalize();
        Element root;
        try (InputStream in = Files.newInputStream(path)) {
            root = builder().parse(in).getDocumentElement();
        } catch (SAXException e) {
            throw new IllegalArgumentException(path + " is not a policy file Darkroom accepts: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ImageMagick policy " + path, e);
        }
        if (!root.getTagName().equals("policymap") || root.getElementsByTagName("include").getLength() > 0) {
            throw new IllegalArgumentException(path + " must be a <policymap> of <policy> elements without <include>");
        }
        List<PolicyRule> rules = new ArrayList<>();
        NodeList policies = root.getElementsByTagName("policy");
        for (int i = 0; i < policies.getLength(); i++) {
            Element policy = (Element) policies.item(i);
            try {
                rules.add(new PolicyRule(policy.getAttribute("domain"), attribute(policy, "name"),
                        attribute(policy, "pattern"), Right.parse(attribute(policy, "rights")),
                        attribute(policy, "value"), path.toString()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        return new PolicyFile(path, rules);
    }

    /** The file's absolute, normalised path. */
    public Path path() {
        return path;
    }

    /** The rules in file order. */
    public List<PolicyRule> rules() {
        return rules;
    }

    private static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The JDK default handler also prints each error to stderr; ours only throws, and the caller reports it.
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No usable XML parser: " + e.getMessage(), e);
        }
    }
}
