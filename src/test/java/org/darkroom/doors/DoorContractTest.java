package org.darkroom.doors;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.darkroom.flow.ErrorCode;
import org.darkroom.mcp.McpAssertions;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Identify;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every door: each error code a door can produce is provoked through each door that can produce
 * it, and checked for that door's rendering (HTTP: status, problem JSON, headers; MCP: an {@code isError} result
 * with the code and a sentence; drop folder: the input in {@code failed/} with its record) and for leaking no
 * server path, stack trace or secret.
 *
 * <p>A code is one row of {@link #rows()}, a door one constant of {@link DoorName} (and its {@link Door}); a code no
 * door can produce today is named in {@link #NOT_PROVOKED} with the reason.
 */
class DoorContractTest {
    enum DoorName { DROP_FOLDER, HTTP, MCP_STDIO, MCP_HTTP }

    private static final Set<DoorName> ALL = EnumSet.allOf(DoorName.class);
    private static final Set<DoorName> CALLERS = EnumSet.of(DoorName.HTTP, DoorName.MCP_STDIO, DoorName.MCP_HTTP);
    private static final Set<DoorName> MCP = EnumSet.of(DoorName.MCP_STDIO, DoorName.MCP_HTTP);
    /** The doors a hostile payload reaches first, for provocations that differ from another row only in bytes. */
    private static final Set<DoorName> FIRST_SIGHT = EnumSet.of(DoorName.DROP_FOLDER, DoorName.HTTP);

    /** Codes with no row, and why: each is checked where it can be produced. */
    static final Map<ErrorCode, String> NOT_PROVOKED = Map.of(
            ErrorCode.UNSUPPORTED, "needs a vision model without the skill: VisionHttpTest (MCP lists no such tool)",
            ErrorCode.POLICY_DENIED, "intake's allowlist refuses every type the policy denies before ImageMagick"
                    + " runs; the policy itself is checked by PolicyEnforcementTest",
            ErrorCode.PROCESSING_FAILED, "an ImageMagick failure that matches no known message; no valid input"
                    + " provokes one",
            ErrorCode.INTERNAL, "a bug by definition");

    private static ContractServices services;
    private static Map<DoorName, Door> doors;

    /** One code provoked one way, the doors that can produce it that way, and what its sentence must mention. */
    record Row(ErrorCode code, String what, Provocation provocation, Set<DoorName> doors, String mentions) {
        /** The same row, whose sentence must name {@code text} (the command or setting that fixes the cause). */
        Row mentioning(String text) {
            return new Row(code, what, provocation, doors, text);
        }
    }

    /**
     * The table. A door left off a row cannot produce that code: drop folders take no parameters, URLs or flow
     * names from their callers (a bad one stops the start) and never answer busy; only drop folders read
     * directory entries by name (MCP calls a folder or a pipe a {@code bad_parameter}); HTTP reads no paths; only
     * HTTP routes paths and methods; stdio has no keys.
     */
    static List<Row> rows() throws Exception {
        Path tooLarge = Files.write(services.dir().resolve("big.png"), new byte[ContractServices.BYTE_LIMIT + 1]);
        return List.of(
                row(ErrorCode.EMPTY_INPUT, sample("thumbnail", "empty.png"), ALL),
                row(ErrorCode.UNSUPPORTED_TYPE, sample("thumbnail", "not-an-image.jpg"), ALL),
                row(ErrorCode.UNSUPPORTED_TYPE, sample("thumbnail", "payload-mvg.png"), ALL),
                row(ErrorCode.UNSUPPORTED_TYPE, sample("thumbnail", "payload-msl.png"), FIRST_SIGHT),
                row(ErrorCode.TYPE_MISMATCH, sample("thumbnail", "mismatch.png"), ALL),
                row(ErrorCode.TOO_LARGE, Provocation.image("thumbnail", tooLarge, "big.png"), ALL),
                row(ErrorCode.TOO_MANY_PIXELS, sample("thumbnail", "pixel-bomb.png"), ALL),
                row(ErrorCode.TOO_MANY_FRAMES, sample("thumbnail", "animated.gif"), ALL),
                row(ErrorCode.UNDECODABLE, sample("thumbnail", "truncated.jpg"), ALL),
                // Camera raws: cut short in the sensor data, a sensor of 10^10 pixels, a plain TIFF named .dng.
                row(ErrorCode.UNDECODABLE, sample("thumbnail", "truncated.dng"), ALL),
                row(ErrorCode.TOO_MANY_PIXELS, sample("thumbnail", "huge.dng"), ALL),
                row(ErrorCode.TYPE_MISMATCH, sample("thumbnail", "fake.dng"), FIRST_SIGHT),
                row(ErrorCode.NOT_A_FILE, new Provocation.NotAFile(), EnumSet.of(DoorName.DROP_FOLDER)),
                row(ErrorCode.BAD_NAME, new Provocation.BadName(), EnumSet.of(DoorName.DROP_FOLDER)),
                row(ErrorCode.BAD_PARAMETER, sample("thumbnail", "plain.jpg").with("width", 0), CALLERS),
                row(ErrorCode.BAD_PARAMETER, sample("thumbnail", "plain.jpg").with("colour", "red"), CALLERS),
                row(ErrorCode.UNKNOWN_FLOW, new Provocation.UnknownFlow("sharpen-all"), CALLERS),
                row(ErrorCode.NOT_FOUND, new Provocation.UnknownPath(), EnumSet.of(DoorName.HTTP)),
                row(ErrorCode.METHOD_NOT_ALLOWED, new Provocation.WrongMethod(), EnumSet.of(DoorName.HTTP)),
                row(ErrorCode.PATH_DENIED, new Provocation.OutsideRoot(), with(MCP, DoorName.DROP_FOLDER)),
                row(ErrorCode.FETCH_BLOCKED, new Provocation.Url("http://169.254.169.254/latest/meta-data/"), CALLERS),
                row(ErrorCode.FETCH_FAILED, new Provocation.Url(services.origin().base() + "/missing.jpg"), CALLERS),
                row(ErrorCode.UNAUTHORIZED, new Provocation.NoKey(), EnumSet.of(DoorName.HTTP, DoorName.MCP_HTTP)),
                row(ErrorCode.NOT_READY, new Provocation.WhileNotReady(), ALL),
                row(ErrorCode.TIMEOUT, new Provocation.Slow(), ALL),
                // The service's one limit (darkroom.max-in-flight); drop folders wait for a place instead.
                row(ErrorCode.BUSY, new Provocation.OneTooMany(), CALLERS),
                // Not an image at all: the answer comes before any intake work. MCP lists no vision tool without a
                // model, so an assistant never meets this code (McpVisionTest, McpContract).
                row(ErrorCode.MODEL_MISSING, sample("caption", "not-an-image.jpg"), FIRST_SIGHT)
                        .mentioning("./darkroom fetch-model"));
    }

    @BeforeAll
    static void start() throws Exception {
        services = ContractServices.start();
        doors = new EnumMap<>(Map.of(
                DoorName.DROP_FOLDER, new DropFolderDoor(services),
                DoorName.HTTP, new RestDoor(services),
                DoorName.MCP_STDIO, new McpToolDoor("MCP over stdio", services.stdio(), services, Optional.empty()),
                DoorName.MCP_HTTP, new McpToolDoor("MCP over HTTP", services.mcpHttp(), services,
                        Optional.of(services.http()))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    static Stream<Arguments> cases() throws Exception {
        return rows().stream().flatMap(row -> row.doors().stream()
                .map(door -> Arguments.of(row.code().code(), door, row.what(), row)));
    }

    @ParameterizedTest(name = "{0} via {1}: {2}")
    @MethodSource("cases")
    void each_door_renders_each_code_it_can_produce(String code, DoorName door, String what, Row row)
            throws Exception {
        Optional<String> sentence = doors.get(door).assertRefuses(row.provocation(), row.code());

        sentence.ifPresent(shown -> assertThat(shown).endsWith(".").contains(row.mentions()));
    }

    /**
     * The inputs decoded outside ImageMagick (an SVG, a camera raw, a JPEG XL) pass through each door: a drop folder
     * writes the thumbnail and its record, each MCP transport returns it inline, typed as the flow's default output.
     */
    @ParameterizedTest(name = "{0} through every door")
    @CsvSource({"drawing.svg, image/png, png, svg", "photo.dng, image/jpeg, jpg, raw", "photo.jxl, image/png, png, jxl"})
    void each_door_takes_the_types_decoded_outside_imagemagick(String sample, String mimeType, String extension,
                                                                String type) throws Exception {
        DataDir data = services.darkroom().data();
        String name = "decoded-" + sample;
        data.drop("thumbnail", Samples.get(sample), name);
        data.awaitAccounted("thumbnail", DataDir.inputs(data.archive("thumbnail")).size() + 1, Duration.ofSeconds(30));
        assertThat(data.archive("thumbnail").resolve(name)).exists();
        Identify written = Identify.of(data.outbox("thumbnail").resolve(name + "." + extension));
        assertThat(written.format()).isEqualTo(extension.equals("jpg") ? "JPEG" : "PNG");
        assertThat(data.sidecar("thumbnail", name).at("/input/type").asText()).isEqualTo(type);

        Path readable = Files.copy(Samples.get(sample), services.readRoot().resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
        for (McpSyncClient client : List.of(services.stdio(), services.mcpHttp())) {
            CallToolResult result = client.callTool(new CallToolRequest("thumbnail_image",
                    Map.of("path", readable.toString(), "width", 64, "height", 64)));
            assertThat(result.isError()).as(McpAssertions.text(result)).isFalse();
            ImageContent image = McpAssertions.image(result);
            assertThat(image.mimeType()).isEqualTo(mimeType);
            assertThat(Base64.getDecoder().decode(image.data()).length).isPositive();
        }
    }

    @Test
    void every_code_has_a_row_or_a_reason() throws Exception {
        Set<ErrorCode> inRows = EnumSet.noneOf(ErrorCode.class);
        rows().forEach(row -> inRows.add(row.code()));
        assertThat(Arrays.stream(ErrorCode.values()).filter(code -> !inRows.contains(code)))
                .containsExactlyInAnyOrderElementsOf(NOT_PROVOKED.keySet());
    }

    private static Row row(ErrorCode code, Provocation provocation, Set<DoorName> doors) {
        String what = provocation instanceof Provocation.Image image
                ? image.flow() + " " + image.name() + (image.params().isEmpty() ? "" : " " + image.params())
                : provocation.getClass().getSimpleName();
        return new Row(code, what, provocation, doors, "");
    }

    private static Set<DoorName> with(Set<DoorName> doors, DoorName more) {
        Set<DoorName> all = EnumSet.copyOf(doors);
        all.add(more);
        return all;
    }

    private static Provocation.Image sample(String flow, String name) {
        return Provocation.image(flow, Samples.get(name), name);
    }
}
