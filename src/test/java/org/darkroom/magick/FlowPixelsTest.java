package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.Magick;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the image flows do to the pixels, not only to the size: an asymmetric picture goes through the HTTP door and
 * its pixels are read back. A flip that flopped, a turn the wrong way, a crop that ignored its offset or a grayscale
 * that kept colour each fail here.
 */
class FlowPixelsTest {
    private static final String RED = "255,0,0";
    private static final String LIME = "0,255,0";
    private static final String BLUE = "0,0,255";
    private static final String YELLOW = "255,255,0";
    private static final Map<String, String> COLOURS = Map.of("red", RED, "lime", LIME, "blue", BLUE,
            "yellow", YELLOW);

    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    /** 60×40: red top left, lime top right, blue bottom left, yellow bottom right, each 30×20. */
    private static Path quadrants;

    @BeforeAll
    static void paint() {
        Path dir = SERVICE.dir();
        quadrants = Magick.stacked(dir, "quadrants.png", Magick.bands(dir, "top.png", 30, 20, "red", "lime"),
                Magick.bands(dir, "bottom.png", 30, 20, "blue", "yellow"));
    }

    /**
     * Operations that move whole quadrants, with the colours they must leave in the top-left, top-right, bottom-left
     * and bottom-right corners (as painted: red, lime, blue, yellow). A flip that flopped, a turn the wrong way or a
     * crop that ignored its offset puts a different colour in some corner.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "flip,                               60x40, blue,   yellow, red,  lime",
            "flop,                               60x40, lime,   red,    yellow, blue",
            "rotate degrees=90,                  40x60, blue,   red,    yellow, lime",
            "rotate degrees=180,                 60x40, yellow, blue,   lime, red",
            // Centred on the point where the quadrants meet, so each corner of the result shows a different one.
            "crop width=20 height=20 x=20 y=10,  20x20, red,    lime,   blue, yellow"})
    void operations_that_move_quadrants_leave_each_colour_in_its_corner(String operation, String size,
                                                                        String topLeft, String topRight,
                                                                        String bottomLeft, String bottomRight)
            throws Exception {
        Path out = transform(operation, operation.replaceAll("\\W+", "-") + ".png");

        assertThat(size(out)).isEqualTo(size);
        assertQuadrants(out, COLOURS.get(topLeft), COLOURS.get(topRight), COLOURS.get(bottomLeft),
                COLOURS.get(bottomRight));
    }

    @Test
    void rotate_45_turns_clockwise_and_leaves_the_uncovered_corners_transparent() throws Exception {
        Path out = transform("rotate degrees=45", "rotate-45.png");
        Identify image = Identify.of(out);
        int w = image.width();
        int h = image.height();

        for (int[] corner : new int[][] {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}}) {
            assertThat(Magick.alpha(out, corner[0], corner[1])).as("corner %s,%s", corner[0], corner[1]).isZero();
        }
        // Turned clockwise, the top-left quadrant rises to the top and the top-right one swings to the right.
        assertThat(Magick.pixel(out, w / 2 - 5, h / 2 - 20)).isEqualTo(RED);
        assertThat(Magick.pixel(out, w / 2 + 20, h / 2 - 5)).isEqualTo(LIME);
        assertThat(Magick.pixel(out, w / 2 - 20, h / 2 + 5)).isEqualTo(BLUE);
        assertThat(Magick.pixel(out, w / 2 + 5, h / 2 + 20)).isEqualTo(YELLOW);
        assertThat(Magick.alpha(out, w / 2, h / 2)).isEqualTo(255);
    }

    @Test
    void grayscale_leaves_no_colour_but_keeps_the_lightness() throws Exception {
        Path out = transform("grayscale", "gray.png");

        String[] seen = {Magick.pixel(out, 5, 5), Magick.pixel(out, 55, 5), Magick.pixel(out, 5, 35),
                Magick.pixel(out, 55, 35)};
        for (String pixel : seen) {
            String[] rgb = pixel.split(",");
            assertThat(rgb[1]).as(pixel).isEqualTo(rgb[0]);
            assertThat(rgb[2]).as(pixel).isEqualTo(rgb[0]);
        }
        // Four colours of four different lightnesses stay four different grays, not one flat fill.
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void resize_to_cover_keeps_the_middle_of_the_picture() throws Exception {
        Path bands = Magick.bands(SERVICE.dir(), "bands.png", 30, 30, "red", "lime", "blue");
        HttpResponse<byte[]> response = SERVICE.http().postRaw("/v1/flows/resize?width=15&height=15&fit=cover",
                bands, "image/png");

        assertThat(response.statusCode()).isEqualTo(200);
        Path out = HttpClientSupport.save(response, SERVICE.dir(), "cover.png");
        assertThat(size(out)).isEqualTo("15x15");
        assertThat(Magick.pixel(out, 1, 7)).isEqualTo(LIME);
        assertThat(Magick.pixel(out, 13, 7)).isEqualTo(LIME);
    }

    @Test
    void thumbnail_shrinks_without_turning_or_mirroring() throws Exception {
        HttpResponse<byte[]> response = SERVICE.http().postRaw("/v1/flows/thumbnail?width=30&height=30&format=png",
                quadrants, "image/png");

        assertThat(response.statusCode()).isEqualTo(200);
        Path out = HttpClientSupport.save(response, SERVICE.dir(), "thumbnail.png");
        assertThat(size(out)).isEqualTo("30x20");
        assertQuadrants(out, RED, LIME, BLUE, YELLOW);
    }

    /** The transform flow with {@code operations}, written as PNG so no lossy encoder blurs the colours. */
    private static Path transform(String operations, String name) throws Exception {
        String query = URLEncoder.encode(operations + "; format type=png", StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = SERVICE.http().postRaw("/v1/flows/transform?operations=" + query, quadrants,
                "image/png");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return HttpClientSupport.save(response, SERVICE.dir(), name);
    }

    /** The colour inside each quadrant, a few pixels in from its outer corner (away from any resampled edge). */
    private static void assertQuadrants(Path image, String topLeft, String topRight, String bottomLeft,
                                        String bottomRight) {
        Identify size = Identify.of(image);
        int right = size.width() - 3;
        int bottom = size.height() - 3;
        assertThat(Magick.pixel(image, 2, 2)).as("top left").isEqualTo(topLeft);
        assertThat(Magick.pixel(image, right, 2)).as("top right").isEqualTo(topRight);
        assertThat(Magick.pixel(image, 2, bottom)).as("bottom left").isEqualTo(bottomLeft);
        assertThat(Magick.pixel(image, right, bottom)).as("bottom right").isEqualTo(bottomRight);
    }

    private static String size(Path image) {
        Identify identify = Identify.of(image);
        return identify.width() + "x" + identify.height();
    }
}
