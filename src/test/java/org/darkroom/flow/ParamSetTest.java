package org.darkroom.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters are parsed once, by their declared types, for every door. */
class ParamSetTest {
    private final ParamSet set = ParamSet.of(
            ParamSpec.withDefault("width", new IntRange(1, 100), 10, "Width."),
            ParamSpec.optional("fit", Choice.of("inside", "cover"), "Fit."),
            ParamSpec.required("name", new Text(1, 5), "Name."),
            ParamSpec.withDefault("upscale", new Flag(), false, "Upscale."));

    private static ErrorCode codeOf(Runnable action) {
        try {
            action.run();
        } catch (DarkroomException e) {
            return e.code();
        }
        throw new AssertionError("no error");
    }

    @Test
    void strings_and_json_values_parse_to_typed_values_with_defaults() {
        FlowParameters params = set.parse(Map.of("name", "ab", "fit", "COVER", "upscale", "yes"));
        assertThat(params.integer("width")).contains(10);
        assertThat(params.text("fit")).contains("cover");
        assertThat(params.flag("upscale")).isTrue();
        assertThat(set.parse(Map.of("name", "ab", "width", 55.0)).integer("width")).contains(55);
    }

    @Test
    void out_of_range_unknown_and_missing_values_are_bad_parameters() {
        assertThat(codeOf(() -> set.parse(Map.of("name", "ab", "width", "101")))).isEqualTo(ErrorCode.BAD_PARAMETER);
        assertThat(codeOf(() -> set.parse(Map.of("name", "ab", "width", "1.5")))).isEqualTo(ErrorCode.BAD_PARAMETER);
        assertThat(codeOf(() -> set.parse(Map.of("name", "ab", "fit", "stretch")))).isEqualTo(ErrorCode.BAD_PARAMETER);
        assertThat(codeOf(() -> set.parse(Map.of("name", "toolong")))).isEqualTo(ErrorCode.BAD_PARAMETER);
        assertThat(codeOf(() -> set.parse(Map.of()))).isEqualTo(ErrorCode.BAD_PARAMETER);
        assertThatThrownBy(() -> set.parse(Map.of("name", "ab", "hieght", 3)))
                .hasFieldOrPropertyWithValue("publicMessage",
                        "Unknown parameter 'hieght'. Known parameters: width, fit, name, upscale.");
    }

    @Test
    void the_schema_carries_types_bounds_defaults_and_required_names() {
        Map<String, Object> schema = set.jsonSchema();
        assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("name"))
                .containsEntry("additionalProperties", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> width = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("width");
        assertThat(width).containsEntry("type", "integer").containsEntry("minimum", 1)
                .containsEntry("maximum", 100).containsEntry("default", 10);
    }

    @Test
    void operation_lists_parse_from_json_and_compact_text_alike() {
        OperationList ops = new OperationList(Map.of("grow", ParamSet.of(
                ParamSpec.required("by", new IntRange(1, 9), "By."))), 3);
        Object fromText = ops.parse("ops", "grow by=2; grow by=3");
        Object fromJson = ops.parse("ops", "[{\"op\":\"grow\",\"by\":2},{\"op\":\"grow\",\"by\":3}]");
        assertThat(fromText).usingRecursiveComparison().isEqualTo(fromJson);
        assertThat(codeOf(() -> ops.parse("ops", "shrink by=2"))).isEqualTo(ErrorCode.BAD_PARAMETER);
        assertThat(codeOf(() -> ops.parse("ops", "grow by=2; grow by=2; grow by=2; grow by=2")))
                .isEqualTo(ErrorCode.BAD_PARAMETER);
    }
}
