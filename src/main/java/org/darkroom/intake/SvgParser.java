package org.darkroom.intake;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * The pixel size an SVG document renders at, read from its root element alone, before anything renders it: the
 * root's {@code width} and {@code height} in absolute units (CSS pixels at 96 per inch), or its {@code viewBox}
 * where they are missing or relative. The parser reads no DTD (a {@code DOCTYPE} naming the public SVG DTD is
 * skipped, never fetched), resolves no entity, and stops at the root element.
 *
 * <p>A gzip-compressed document ({@code .svgz}) is read through its decompression, which must end within
 * {@link #MAX_EXPANDED_BYTES}: the renderer would otherwise be handed a decompression bomb.
 */
final class SvgParser {
    /** How large a compressed SVG may expand. */
    static final long MAX_EXPANDED_BYTES = 64L * 1024 * 1024;
    /** The largest width or height an SVG may declare, whatever the pixel limit: far beyond any real drawing. */
    static final int MAX_SIDE = 65_535;
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final Pattern LENGTH = Pattern.compile(
            "\\s*([+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(px|pt|pc|mm|cm|in|%|em|ex)?\\s*");
    private static final Map<String, Double> PIXELS_PER_UNIT = Map.of("px", 1.0, "pt", 96.0 / 72, "pc", 16.0,
            "mm", 96 / 25.4, "cm", 96 / 2.54, "in", 96.0);
    private static final XMLInputFactory FACTORY = lockedDownFactory();

    private SvgParser() {
    }

    static ImageHeader read(Path file) throws IOException, BadHeaderException {
        try (InputStream in = document(file)) {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(in);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return root(reader);
                    }
                }
                throw new BadHeaderException("no root element");
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new BadHeaderException("not well-formed XML: " + e.getMessage());
        } catch (ZipException | EOFException e) {
            throw new BadHeaderException("a damaged gzip stream: " + e.getMessage());
        }
    }

    /** Whether the decompressed document ends within {@link #MAX_EXPANDED_BYTES}; for plain SVG, always. */
    static boolean expandsWithinLimit(Path file) throws IOException, BadHeaderException {
        if (!isGzip(file)) {
            return true;
        }
        try (InputStream in = document(file)) {
            long skipped = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                skipped += n;
                if (skipped > MAX_EXPANDED_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (ZipException | EOFException e) {
            throw new BadHeaderException("a damaged gzip stream: " + e.getMessage());
        }
    }

    private static ImageHeader root(XMLStreamReader reader) throws BadHeaderException {
        String namespace = reader.getNamespaceURI();
        if (!"svg".equals(reader.getLocalName()) || (namespace != null && !namespace.isEmpty()
                && !SVG_NAMESPACE.equals(namespace))) {
            // XML, but not a drawing: a type Darkroom does not take, not a damaged SVG.
            throw new DarkroomException(ErrorCode.UNSUPPORTED_TYPE, null, "an XML document whose root is "
                    + reader.getLocalName());
        }
        double[] viewBox = viewBox(reader.getAttributeValue(null, "viewBox"));
        double width = length(reader.getAttributeValue(null, "width"));
        double height = length(reader.getAttributeValue(null, "height"));
        if (viewBox != null) {
            // A missing or relative side follows the viewBox, keeping its aspect when the other side is given.
            if (Double.isNaN(width) && Double.isNaN(height)) {
                width = viewBox[0];
                height = viewBox[1];
            } else if (Double.isNaN(width)) {
                width = height * viewBox[0] / viewBox[1];
            } else if (Double.isNaN(height)) {
                height = width * viewBox[1] / viewBox[0];
            }
        }
        if (Double.isNaN(width) || Double.isNaN(height)) {
            throw new BadHeaderException("the root element gives no size: neither width and height nor a viewBox");
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new BadHeaderException("the root element declares " + width + "×" + height
                    + ", beyond " + MAX_SIDE + " on a side");
        }
        int w = Math.max(1, (int) Math.ceil(width));
        int h = Math.max(1, (int) Math.ceil(height));
        return new ImageHeader(ImageType.SVG, w, h, 1, (long) w * h);
    }

    /** An absolute length in pixels; NaN when missing, relative ({@code %}, {@code em}, {@code ex}) or not positive. */
    private static double length(String value) {
        if (value == null) {
            return Double.NaN;
        }
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            return Double.NaN;
        }
        Double perUnit = PIXELS_PER_UNIT.get(m.group(2) == null ? "px" : m.group(2).toLowerCase(Locale.ROOT));
        double pixels = perUnit == null ? Double.NaN : Double.parseDouble(m.group(1)) * perUnit;
        return pixels > 0 ? pixels : Double.NaN;
    }

    /** The viewBox's width and height, or null when it is missing or unusable. */
    private static double[] viewBox(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.trim().split("[\\s,]+");
        if (parts.length != 4) {
            return null;
        }
        try {
            double width = Double.parseDouble(parts[2]);
            double height = Double.parseDouble(parts[3]);
            return width > 0 && height > 0 && Double.isFinite(width) && Double.isFinite(height)
                    ? new double[] {width, height} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The document's text, decompressed when its first bytes are gzip's: one open of the file. */
    private static InputStream document(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in) : in;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static XMLInputFactory lockedDownFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("no external resource is read: " + systemId);
        });
        return factory;
    }
}
