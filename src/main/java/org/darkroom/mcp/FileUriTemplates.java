package org.darkroom.mcp;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.List;
import java.util.Map;

/**
 * Lets the SDK route {@code resources/read} of any {@code file:} URI (a malformed one too, so its refusal is
 * Darkroom's, with a code) to {@link ImageResources#TEMPLATE}: its own
 * template matching stops a variable at the first slash, so {@code file://{+path}} would match no real file. Other
 * URIs (the catalog's) are matched by the SDK's own manager; a request without a URI matches nothing, and is
 * answered "not found" instead of failing inside the SDK.
 */
final class FileUriTemplates implements McpUriTemplateManagerFactory {
    private static final String PREFIX = "file:";

    @Override
    public McpUriTemplateManager create(String uriTemplate) {
        boolean files = uriTemplate.equals(ImageResources.TEMPLATE);
        McpUriTemplateManager sdk = new DefaultMcpUriTemplateManager(uriTemplate);
        return new McpUriTemplateManager() {
            @Override
            public List<String> getVariableNames() {
                return files ? List.of("path") : sdk.getVariableNames();
            }

            @Override
            public Map<String, String> extractVariableValues(String uri) {
                if (!files) {
                    return sdk.extractVariableValues(uri);
                }
                return matches(uri) ? Map.of("path", uri.substring(PREFIX.length())) : Map.of();
            }

            @Override
            public boolean matches(String uri) {
                if (uri == null) {
                    return false;
                }
                return files ? uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) : sdk.matches(uri);
            }

            @Override
            public boolean isUriTemplate(String template) {
                return sdk.isUriTemplate(template);
            }
        };
    }
}
