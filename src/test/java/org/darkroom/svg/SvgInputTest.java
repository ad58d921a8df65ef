package org.darkroom.svg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.darkroom.http.HttpDoor;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SVG in, through the HTTP door and the real renderer: sizes from the root element, the flows on the rendered
 * pixels, and a hostile corpus that is refused with a stable code or rendered without effect (no file read, no
 * connection made).
 */
class SvgInputTest {
    private static final String NS = "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

    /** A short time limit, so the documents that would keep the renderer busy for minutes end within the test. */
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of("darkroom.magick.timeout-ms", "5000"));
    private final Path dir = SERVICE.dir();
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void an_svg_renders_at_its_declared_size_and_goes_through_the_flows() throws Exception {
        String drawing = "<svg " + NS + " width=\"120\" height=\"80\"><rect width=\"120\" height=\"80\" fill=\"#ff0000\"/>"
                + "<text x=\"10\" y=\"40\" font-size=\"20\">Hi</text></svg>";
        HttpResponse<byte[]> converted = post("/v1/flows/convert?format=png", drawing);
        assertThat(converted.statusCode()).isEqualTo(200);
        Identify png = Identify.of(HttpClientSupport.save(converted, dir, "converted.png"));
        assertThat(png.format()).isEqualTo("PNG");
        assertThat(png.width()).isEqualTo(120);
        assertThat(png.height()).isEqualTo(80);
        JsonNode record = HttpClientSupport.json(converted.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow());
        assertThat(record.at("/input/type").asText()).isEqualTo("svg");
        assertThat(record.at("/input/width").asInt()).isEqualTo(120);

        HttpResponse<byte[]> thumbnail = post("/v1/flows/thumbnail?width=60&height=60", drawing);
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/png");
        Identify small = Identify.of(HttpClientSupport.save(thumbnail, dir, "thumb.png"));
        assertThat(small.width()).isEqualTo(60);
        assertThat(small.height()).isEqualTo(40);

        HttpResponse<byte[]> info = post("/v1/flows/info", drawing);
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode facts = HttpClientSupport.json(info);
        assertThat(facts.at("/result/format").asText()).isEqualTo("svg");
        assertThat(facts.at("/result/mime_type").asText()).isEqualTo("image/svg+xml");
        assertThat(facts.at("/result/width").asInt()).isEqualTo(120);
    }

    @Test
    void sizes_come_from_units_the_view_box_and_compressed_documents() throws Exception {
        assertRenders("<svg " + NS + " viewBox=\"0 0 300 150\"><circle cx=\"150\" cy=\"75\" r=\"70\"/></svg>", 300, 150);
        assertRenders("<svg " + NS + " width=\"1in\" height=\"0.5in\"/>", 96, 48);
        assertRenders("<svg " + NS + " width=\"100%\" viewBox=\"0 0 40 20\"/>", 40, 20);
        assertRenders("<svg " + NS + " width=\"200\" viewBox=\"0 0 40 20\"/>", 200, 100);
        String withPublicDtd = "<?xml version=\"1.0\" standalone=\"no\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\""
                + " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg " + NS + " width=\"50\" height=\"30\">"
                + "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"blue\"/><stop offset=\"1\""
                + " stop-color=\"white\"/></linearGradient></defs><rect width=\"50\" height=\"30\" fill=\"url(#g)\"/></svg>";
        assertRenders(withPublicDtd, 50, 30);
        String dataImage = "<svg " + NS + " width=\"20\" height=\"20\"><image width=\"20\" height=\"20\" xlink:href=\""
                + "data:image/png;base64," + Base64.getEncoder().encodeToString(onePixelPng()) + "\"/></svg>";
        assertRenders(dataImage, 20, 20);

        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(("<svg " + NS + " width=\"33\" height=\"44\"/>").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> svgz = http.send(http.request("/v1/flows/convert?format=png")
                .header("Content-Type", "image/svg+xml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray())).build());
        assertThat(svgz.statusCode()).isEqualTo(200);
        Identify image = Identify.of(HttpClientSupport.save(svgz, dir, "svgz.png"));
        assertThat(image.width()).isEqualTo(33);
        assertThat(image.height()).isEqualTo(44);
    }

    @Test
    void an_external_entity_reads_no_file() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-TEXT-THAT-WOULD-BE-DRAWN");
        String withEntity = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
                + "<svg " + NS + " width=\"400\" height=\"40\"><text x=\"0\" y=\"30\" font-size=\"20\">&x;</text></svg>";
        String without = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
                + "<svg " + NS + " width=\"400\" height=\"40\"><text x=\"0\" y=\"30\" font-size=\"20\"></text></svg>";
        HttpResponse<byte[]> attacked = post("/v1/flows/convert?format=png", withEntity);
        if (attacked.statusCode() == 200) {
            HttpResponse<byte[]> plain = post("/v1/flows/convert?format=png", without);
            assertThat(pixels(HttpClientSupport.save(attacked, dir, "a.png"))).as("the entity's file drew nothing")
                    .isEqualTo(pixels(HttpClientSupport.save(plain, dir, "b.png")));
        } else {
            assertThat(HttpClientSupport.json(attacked).at("/code").asText()).isEqualTo("undecodable");
        }
    }

    @Test
    void references_to_files_and_to_the_network_load_nothing() throws Exception {
        Path picture = dir.resolve("red.png");
        Files.write(picture, onePixelPng());
        try (ServerSocket listener = new ServerSocket(0)) {
            String local = "http://127.0.0.1:" + listener.getLocalPort();
            String[] references = {
                    "<image width=\"10\" height=\"10\" xlink:href=\"file://" + picture + "\"/>",
                    "<image width=\"10\" height=\"10\" xlink:href=\"red.png\"/>",
                    "<image width=\"10\" height=\"10\" xlink:href=\"" + local + "/a.png\"/>",
                    "<use xlink:href=\"file://" + dir.resolve("other.svg") + "#a\"/>",
                    "<use xlink:href=\"" + local + "/other.svg#a\"/>",
                    "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://" + picture
                            + "\" parse=\"text\"/>",
                    "<style>@import url(" + local + "/a.css); @font-face { font-family: x; src: url(file://"
                            + picture + "); }</style>",
                    "<script>fetch('" + local + "/script')</script>",
                    // ImageTragick's way in through ImageMagick's own SVG coder: a text: pseudo-image.
                    "<image width=\"10\" height=\"10\" xlink:href=\"text:/etc/passwd\"/>"};
            int[] empty = pixels(HttpClientSupport.save(post("/v1/flows/convert?format=png",
                    "<svg " + NS + " width=\"10\" height=\"10\"></svg>"), dir, "empty.png"));
            for (String reference : references) {
                HttpResponse<byte[]> answer = post("/v1/flows/convert?format=png",
                        "<svg " + NS + " width=\"10\" height=\"10\">" + reference + "</svg>");
                assertThat(answer.statusCode()).as(reference).isIn(200, 422);
                if (answer.statusCode() == 200) {
                    assertThat(pixels(HttpClientSupport.save(answer, dir, "ref.png"))).as("drawn by " + reference)
                            .isEqualTo(empty);
                }
                listener.setSoTimeout(50);
                try {
                    listener.accept().close();
                    throw new AssertionError("the renderer connected to the listener for " + reference);
                } catch (SocketTimeoutException expected) {
                    // no connection: as it must be
                }
            }
        }
    }

    @Test
    void hostile_documents_are_refused_with_stable_codes() throws Exception {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"ha\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
                + "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
                + "<svg " + NS + " width=\"10\" height=\"10\"><text>&i;</text></svg>";
        assertThat(codeOf(laughs)).isIn("undecodable", "ok");
        assertThat(codeOf("<svg " + NS + " width=\"100000\" height=\"100000\"/>")).isEqualTo("undecodable");
        assertThat(codeOf("<svg " + NS + " width=\"20000\" height=\"20000\"/>")).isEqualTo("too_many_pixels");
        assertThat(codeOf("<svg " + NS + "><rect width=\"5\" height=\"5\"/></svg>")).isEqualTo("undecodable");
        assertThat(codeOf("<?xml version=\"1.0\"?><html><body/></html>")).isEqualTo("unsupported_type");
        assertThat(codeOf("<svg " + NS + " width=\"10\" height=\"10\"><rect")).isEqualTo("undecodable");

        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(("<svg " + NS + " width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] truncated = java.util.Arrays.copyOf(compressed.toByteArray(), compressed.size() - 12);
        HttpResponse<byte[]> cut = http.send(http.request("/v1/flows/convert?format=png")
                .header("Content-Type", "image/svg+xml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(truncated)).build());
        assertThat(HttpClientSupport.json(cut).at("/code").asText()).as("a truncated .svgz").isEqualTo("undecodable");

        // A polyglot: PNG's magic, then a drawing that reads a file. The bytes say PNG, and a PNG it is not.
        byte[] svg = ("<svg " + NS + " width=\"10\" height=\"10\"><image xlink:href=\"text:/etc/passwd\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] polyglot = new byte[8 + svg.length];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, 0, polyglot, 0, 8);
        System.arraycopy(svg, 0, polyglot, 8, svg.length);
        for (String type : new String[] {"application/octet-stream", "image/svg+xml"}) {
            HttpResponse<byte[]> answer = http.send(http.request("/v1/flows/convert?format=png")
                    .header("Content-Type", type)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(polyglot)).build());
            assertThat(HttpClientSupport.json(answer).at("/code").asText()).as("a PNG-prefixed SVG sent as " + type)
                    .isEqualTo(type.equals("image/svg+xml") ? "type_mismatch" : "undecodable");
        }

        StringBuilder nested = new StringBuilder("<svg " + NS + " width=\"10\" height=\"10\"><defs>"
                + "<rect id=\"l0\" width=\"1\" height=\"1\"/>");
        for (int level = 1; level <= 12; level++) {
            nested.append("<g id=\"l").append(level).append("\">");
            for (int copy = 0; copy < 10; copy++) {
                nested.append("<use xlink:href=\"#l").append(level - 1).append("\"/>");
            }
            nested.append("</g>");
        }
        nested.append("</defs><use xlink:href=\"#l12\"/></svg>");
        assertThat(codeOf(nested.toString())).as("10^12 uses").isIn("undecodable", "timeout");

        StringBuilder path = new StringBuilder("<svg " + NS + " width=\"100\" height=\"100\"><path d=\"M0 0");
        while (path.length() < 5_000_000) {
            path.append(" L").append(path.length() % 100).append(' ').append(path.length() % 97);
        }
        path.append("\"/></svg>");
        assertThat(codeOf(path.toString())).as("a 5 MB path").isIn("ok", "timeout");
    }

    private void assertRenders(String drawing, int width, int height) throws Exception {
        HttpResponse<byte[]> answer = post("/v1/flows/convert?format=png", drawing);
        assertThat(answer.statusCode()).as(drawing).isEqualTo(200);
        Identify image = Identify.of(HttpClientSupport.save(answer, dir, "rendered.png"));
        assertThat(image.width()).as(drawing).isEqualTo(width);
        assertThat(image.height()).as(drawing).isEqualTo(height);
    }

    private String codeOf(String drawing) throws Exception {
        HttpResponse<byte[]> answer = post("/v1/flows/convert?format=png", drawing);
        return answer.statusCode() == 200 ? "ok" : HttpClientSupport.json(answer).at("/code").asText();
    }

    private HttpResponse<byte[]> post(String path, String drawing) throws Exception {
        Path file = Files.writeString(dir.resolve("drawing.svg"), drawing);
        return http.postRaw(path, file, "image/svg+xml");
    }

    private static int[] pixels(Path png) throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static byte[] onePixelPng() throws Exception {
        java.awt.image.BufferedImage pixel = new java.awt.image.BufferedImage(1, 1,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        pixel.setRGB(0, 0, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(pixel, "png", out);
        return out.toByteArray();
    }
}
