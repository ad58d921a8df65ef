package org.darkroom.flow;

import java.util.Map;

/** Renders the catalog as the Markdown the README shows, so the documentation is generated, not retyped. */
public final class CatalogMarkdown {
    private CatalogMarkdown() {
    }

    public static String render(FlowCatalog catalog) {
        StringBuilder out = new StringBuilder();
        for (FlowSpec flow : catalog.all()) {
            out.append("#### `").append(flow.name()).append("` — ").append(flow.summary()).append("\n\n");
            out.append("Output: ").append(switch (flow.output()) {
                case IMAGE -> "an image";
                case JSON -> "JSON";
                case IMAGE_AND_JSON -> "an image and JSON";
            }).append(".\n\n");
            if (flow.params().specs().isEmpty()) {
                out.append("No parameters.\n\n");
                continue;
            }
            out.append("| parameter | values | default | meaning |\n|---|---|---|---|\n");
            for (ParamSpec spec : flow.params().specs()) {
                out.append("| `").append(spec.name()).append("` | ").append(values(spec.type())).append(" | ")
                        .append(spec.required() ? "required" : spec.defaultValue() == null ? "—"
                                : "`" + spec.defaultValue() + "`")
                        .append(" | ").append(spec.description().replace("|", "\\|")).append(" |\n");
            }
            out.append('\n');
            if (flow.params().specs().stream().anyMatch(spec -> spec.type() instanceof OperationList)) {
                out.append(operations(flow));
            }
        }
        return out.toString();
    }

    private static String values(ParamType type) {
        return type instanceof OperationList ? "list of operations (below)" : type.describeValues().replace("|", "\\|");
    }

    private static String operations(FlowSpec flow) {
        StringBuilder out = new StringBuilder("| operation | arguments |\n|---|---|\n");
        for (ParamSpec spec : flow.params().specs()) {
            if (spec.type() instanceof OperationList list) {
                for (Map.Entry<String, ParamSet> variant : list.variants().entrySet()) {
                    out.append("| `").append(variant.getKey()).append("` | ");
                    StringBuilder args = new StringBuilder();
                    for (ParamSpec arg : variant.getValue().specs()) {
                        args.append(args.isEmpty() ? "" : ", ").append('`').append(arg.name()).append("` ")
                                .append(arg.type().describeValues())
                                .append(arg.required() ? " (required)" : arg.defaultValue() == null ? ""
                                        : " (default " + arg.defaultValue() + ")");
                    }
                    out.append(args.isEmpty() ? "—" : args.toString().replace("|", "\\|")).append(" |\n");
                }
            }
        }
        return out.append('\n').toString();
    }
}
