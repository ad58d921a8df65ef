package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.ImageType;

/**
 * {@code make_web_copies}: the images of a folder resized and converted for the web into a folder in the write
 * roots, as one {@code batch_process} call of {@code resize_image} that the prompt spells out in full, so the
 * assistant has nothing to guess. The width and format are checked against the resize flow's own parameters, and
 * the folders against the roots, before the prompt is given.
 */
final class WebCopiesPrompt implements DarkroomPrompt {
    static final String NAME = "make_web_copies";
    private static final String FOLDER = "folder";
    private static final String OUTPUT = "output_folder";
    private static final String WIDTH = "width";
    private static final String FORMAT = "format";
    private static final String DEFAULT_WIDTH = "1600";
    private static final String DEFAULT_FORMAT = "webp";

    private final FlowSpec resize;
    private final PromptImages images;
    private final PathRoots writeRoots;
    private final int maxImages;

    WebCopiesPrompt(FlowSpec resize, PromptImages images, PathRoots writeRoots, int maxImages) {
        this.resize = resize;
        this.images = images;
        this.writeRoots = writeRoots;
        this.maxImages = maxImages;
    }

    @Override
    public Prompt definition() {
        return new Prompt(NAME, "Make web-ready copies", "Resize and convert the images of a folder for the web,"
                + " written to another folder with Darkroom's batch_process tool; the originals are left as they are.",
                List.of(new PromptArgument(FOLDER, "Folder", "The folder of images: an absolute path inside the"
                                + " folders Darkroom may read (darkroom.mcp.read-roots).", true),
                        new PromptArgument(OUTPUT, "Output folder", "An existing folder for the copies: an absolute"
                                + " path inside the folders Darkroom may write (darkroom.mcp.write-roots), not the"
                                + " folder itself.", true),
                        new PromptArgument(WIDTH, "Width", "The widest a copy may be, in pixels (smaller images keep"
                                + " their size); " + DEFAULT_WIDTH + " when not given.", false),
                        new PromptArgument(FORMAT, "Format", "The copies' format: " + String.join(", ", formats())
                                + "; " + DEFAULT_FORMAT + " when not given.", false)));
    }

    @Override
    public GetPromptResult get(PromptArguments arguments) {
        Map<String, Object> parameters = parameters(arguments);
        String format = (String) parameters.get(FORMAT);
        PromptImages.Found found = images.inFolder(FOLDER, arguments.text(FOLDER), maxImages);
        Path output = output(arguments.text(OUTPUT), images.folder(FOLDER, arguments.text(FOLDER)));
        String extension = ImageType.fromName(format).orElseThrow().extension();
        List<Map<String, Object>> items = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path image : found.images()) {
            items.add(Map.of("path", image.toString(), "output_path",
                    output.resolve(outputName(image, extension, names)).toString()));
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("flow", resize.toolName());
        call.put("items", items);
        call.put("parameters", parameters);
        String text = "Make web-ready copies of the " + items.size() + " images in " + arguments.text(FOLDER)
                + ": " + format.toUpperCase(Locale.ROOT) + ", at most " + parameters.get(WIDTH)
                + " pixels wide, without metadata, written to " + arguments.text(OUTPUT) + ". Call Darkroom's "
                + BatchTool.NAME + " tool once with exactly these arguments:\n\n" + ToolResults.json(call) + "\n\n"
                + "It answers with one line per image. Tell me how many copies were written and their total size,"
                + " and list any image that failed with the code Darkroom gave."
                + (found.more() ? " The folder holds more than " + maxImages + " images (the most one batch takes):"
                + " these are the first; make the rest the same way, " + maxImages + " per call." : "")
                + " (For small previews thumbnail_image makes them instead; convert_image changes only the format.)";
        return new GetPromptResult("Web-ready copies with Darkroom",
                List.of(new PromptMessage(Role.USER, TextContent.builder(text).build())));
    }

    /** The resize parameters, checked by the flow's own declarations. */
    private Map<String, Object> parameters(PromptArguments arguments) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String width = arguments.text(WIDTH, DEFAULT_WIDTH);
        try {
            parameters.put(WIDTH, Integer.parseInt(width));
        } catch (NumberFormatException e) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "width must be a whole number of pixels.");
        }
        String format = arguments.text(FORMAT, DEFAULT_FORMAT).toLowerCase(Locale.ROOT);
        if (!formats().contains(format)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "format must be one of " + String.join(", ",
                    formats()) + ".");
        }
        parameters.put(FORMAT, format);
        resize.params().parse(parameters);
        return parameters;
    }

    private Path output(String given, Path folder) {
        Path output = PathRoots.absolute(OUTPUT, given);
        Path real = writeRoots.requireInside(output, OUTPUT);
        if (!Files.isDirectory(real)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, OUTPUT + " must name an existing folder.");
        }
        if (same(real, folder)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, OUTPUT + " must not be the folder itself: the copies"
                    + " could replace the originals.");
        }
        return output;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code beach.jpg} → {@code beach.webp}; a second {@code beach} (say {@code beach.png}) → {@code beach-png.webp}. */
    private static String outputName(Path image, String extension, Set<String> taken) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String candidate = base + "." + extension;
        if (!taken.add(candidate)) {
            candidate = base + "-" + name.substring(dot + 1) + "." + extension;
            taken.add(candidate);
        }
        return candidate;
    }

    /** The formats resize writes that a browser shows, in the flow's own order. */
    private List<String> formats() {
        return resize.params().choices(FORMAT).stream().filter(format -> ImageType.fromName(format)
                .filter(type -> Set.of(ImageType.JPEG, ImageType.PNG, ImageType.WEBP, ImageType.AVIF,
                        ImageType.GIF).contains(type)).isPresent()).toList();
    }
}
