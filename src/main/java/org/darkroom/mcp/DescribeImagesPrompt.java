package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code describe_images}: asks the assistant to describe images with the tools this installation lists, naming
 * {@code caption_image} only when a vision model is installed (without one the tool is not listed, and the prompt
 * says so instead).
 */
final class DescribeImagesPrompt implements DarkroomPrompt {
    static final String NAME = "describe_images";
    private static final String IMAGES = "images";
    private static final String CAPTION = "caption_image";
    private static final String INFO = "image_info";

    private final PromptImages images;
    private final Set<String> tools;
    private final int maxImages;

    /** {@code tools}: the names of the tools this server lists. */
    DescribeImagesPrompt(PromptImages images, Set<String> tools, int maxImages) {
        this.images = images;
        this.tools = tools;
        this.maxImages = maxImages;
    }

    @Override
    public Prompt definition() {
        return new Prompt(NAME, "Describe images", "Describe the images in a folder, or given images, with"
                + " Darkroom's tools: what they show (when a vision model is installed), format, size and camera"
                + " metadata.", List.of(new PromptArgument(IMAGES, "Images", "A folder, or image file paths"
                + " separated by commas or new lines: absolute paths inside the folders Darkroom may read"
                + " (darkroom.mcp.read-roots). A folder stands for the images directly inside it; at most "
                + maxImages + " images.", true)));
    }

    @Override
    public GetPromptResult get(PromptArguments arguments) {
        PromptImages.Found found = images.named(IMAGES, arguments.text(IMAGES), maxImages);
        StringBuilder text = new StringBuilder("Describe each of these " + found.images().size() + " images for me:\n");
        for (Path image : found.images()) {
            text.append("- ").append(image).append('\n');
        }
        if (found.more()) {
            text.append("(There are more; these are the first ").append(maxImages).append(".)\n");
        }
        text.append('\n');
        if (tools.contains(CAPTION)) {
            text.append("Use Darkroom's tools, giving each image by its path: ").append(CAPTION).append(" for what")
                    .append(" the image shows, and ").append(INFO).append(" for its format, size and camera")
                    .append(" metadata. For several images, ").append(BatchTool.NAME).append(" with flow ")
                    .append(CAPTION).append(" captions them all in one call.");
        } else {
            text.append("Use Darkroom's ").append(INFO).append(" tool on each, giving the image by its path, for its")
                    .append(" format, size and camera metadata. This Darkroom has no vision model installed, so")
                    .append(" it cannot say what an image shows; if you can see images, read each one as a resource")
                    .append(" (its file:// URI) and describe it yourself.");
        }
        text.append(" Then write a short paragraph per image: what it shows, its format and size, and when and with")
                .append(" what camera it was taken when the metadata says so. Say plainly which images could not")
                .append(" be read, with the error code Darkroom gave.");
        return new GetPromptResult("Describe " + found.images().size() + " images with Darkroom",
                List.of(new PromptMessage(Role.USER, TextContent.builder(text.toString()).build())));
    }
}
