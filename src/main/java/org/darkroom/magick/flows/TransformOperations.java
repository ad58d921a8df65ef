package org.darkroom.magick.flows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.magick.ImageOutput;
import org.darkroom.flow.Choice;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.IntRange;
import org.darkroom.flow.OperationList;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.magick.op.Blur;
import org.darkroom.magick.op.Crop;
import org.darkroom.magick.op.MagickOp;
import org.darkroom.magick.op.Rotate;
import org.darkroom.magick.op.Sharpen;
import org.darkroom.magick.op.Simple;

/**
 * The operations {@code transform} accepts: each declared with typed arguments and mapped to one {@link MagickOp}.
 *
 * <p>{@code quality} and {@code format} are settings of the written file rather than pixel steps, so
 * {@link TransformFlow} reads them from the list instead of mapping them here.
 */
final class TransformOperations {
    static final String QUALITY = "quality";
    static final String FORMAT = "format";
    static final int MAX_STEPS = 20;

    private interface Mapper {
        MagickOp map(FlowParameters args);
    }

    private record Declared(ParamSet arguments, Mapper mapper) {
    }

    private static final Map<String, Declared> DECLARED = new LinkedHashMap<>();

    static {
        declare("auto-orient", ParamSet.of(), args -> Simple.AUTO_ORIENT);
        declare("resize", ParamSet.of(ResizeFlow.WIDTH, ResizeFlow.HEIGHT, ResizeFlow.FIT, ResizeFlow.UPSCALE),
                ResizeFlow::resize);
        IntRange side = new IntRange(1, ImageParams.MAX_SIDE);
        IntRange offset = new IntRange(0, ImageParams.MAX_SIDE);
        declare("crop", ParamSet.of(ParamSpec.required("width", side, "Width of the kept rectangle."),
                        ParamSpec.required("height", side, "Height of the kept rectangle."),
                        ParamSpec.withDefault("x", offset, 0, "Left edge of the rectangle."),
                        ParamSpec.withDefault("y", offset, 0, "Top edge of the rectangle.")),
                args -> new Crop(args.integer("width").orElseThrow(), args.integer("height").orElseThrow(),
                        args.integer("x").orElseThrow(), args.integer("y").orElseThrow()));
        declare("rotate", ParamSet.of(ParamSpec.required("degrees", new IntRange(-360, 360),
                        "Clockwise rotation in degrees.")),
                args -> new Rotate(args.integer("degrees").orElseThrow()));
        declare("flip", ParamSet.of(), args -> Simple.FLIP);
        declare("flop", ParamSet.of(), args -> Simple.FLOP);
        declare("grayscale", ParamSet.of(), args -> Simple.GRAYSCALE);
        declare("blur", ParamSet.of(ParamSpec.withDefault("sigma", new IntRange(1, 50), 2,
                "Blur strength (Gaussian sigma, in pixels).")), args -> new Blur(args.integer("sigma").orElseThrow()));
        declare("sharpen", ParamSet.of(ParamSpec.withDefault("sigma", new IntRange(1, 20), 1,
                "Sharpening strength (Gaussian sigma, in pixels).")),
                args -> new Sharpen(args.integer("sigma").orElseThrow()));
        declare("strip", ParamSet.of(), args -> Simple.STRIP);
        declare(QUALITY, ParamSet.of(ParamSpec.required("value", new IntRange(1, 100),
                "Encoder quality for JPEG, WebP and AVIF output.")), null);
        declare(FORMAT, ParamSet.of(ParamSpec.required("type", new Choice(ImageOutput.FORMATS),
                "The format to write.")), null);
    }

    private TransformOperations() {
    }

    private static void declare(String name, ParamSet arguments, Mapper mapper) {
        DECLARED.put(name, new Declared(arguments, mapper));
    }

    static OperationList type() {
        Map<String, ParamSet> variants = new LinkedHashMap<>();
        DECLARED.forEach((name, declared) -> variants.put(name, declared.arguments()));
        return new OperationList(variants, MAX_STEPS);
    }

    /** The pixel step for a parsed operation; not for {@code quality} and {@code format}. */
    static MagickOp map(org.darkroom.flow.Operation operation) {
        return DECLARED.get(operation.name()).mapper().map(operation.arguments());
    }
}
