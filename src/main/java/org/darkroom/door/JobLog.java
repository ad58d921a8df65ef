package org.darkroom.door;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.darkroom.config.Settings;
import org.darkroom.flow.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the one log line of every job, in the same format whatever the door: {@code door=… flow=… id=… bytes=…
 * ms=… outcome=… code=… node=…}, then the input's name and the failure's detail when there are any. Done is INFO, failed is
 * WARN, a file left for later is DEBUG (it repeats at every poll until work can run).
 *
 * <p>With {@code darkroom.log.format=json} the same keys are written as one JSON object per line, alone on its line
 * of standard error, for log shippers; everything else Darkroom logs stays text.
 */
public final class JobLog {
    /** The setting that picks the format. */
    public static final String FORMAT_KEY = "darkroom.log.format";
    private static final Logger LOG = LoggerFactory.getLogger("org.darkroom.jobs");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How job lines are written. */
    public enum Format {
        TEXT, JSON;

        /** {@code darkroom.log.format}: {@code text} or {@code json}. */
        public static Format read(Settings settings) {
            String value = settings.requiredText(FORMAT_KEY);
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Settings.invalid(FORMAT_KEY, "must be text or json, not '" + value + "'");
            }
        }
    }

    /** The process's format and name: like the rest of the logging set-up, one for the whole process. */
    private static volatile Format format = Format.TEXT;
    private static volatile String node = "-";

    private JobLog() {
    }

    /** Sets the format and the node name every line carries, at start-up. */
    public static void use(Format chosen, String nodeName) {
        format = chosen;
        node = nodeName;
    }

    public static void write(JobLine line) {
        if (format == Format.JSON) {
            writeJson(line);
            return;
        }
        switch (line.outcome()) {
            case "done" -> LOG.info("{}", text(line));
            case "left" -> LOG.debug("{}", text(line));
            default -> LOG.warn("{}", text(line));
        }
    }

    /** The line as text, for the rare account that is not a job's (an inbox entry that could not be moved). */
    public static String text(JobLine line) {
        StringBuilder text = new StringBuilder(160).append("door=").append(line.door())
                .append(" flow=").append(line.flow()).append(" id=").append(line.id())
                .append(" bytes=").append(line.bytes() < 0 ? "-" : Long.toString(line.bytes()))
                .append(" ms=").append(line.millis())
                .append(" outcome=").append(line.outcome()).append(" code=").append(line.code())
                .append(" node=").append(node);
        if (line.name() != null) {
            text.append(" name=").append(LogText.of(line.name()));
        }
        if (line.detail() != null) {
            text.append(" detail=").append(LogText.of(line.detail()));
        }
        return text.toString();
    }

    private static void writeJson(JobLine line) {
        if (line.outcome().equals("left") && !LOG.isDebugEnabled()) {
            return;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("time", Instant.now().toString());
        object.put("level", switch (line.outcome()) {
            case "done" -> "INFO";
            case "left" -> "DEBUG";
            default -> "WARN";
        });
        object.put("door", line.door());
        object.put("flow", line.flow());
        object.put("id", line.id());
        object.put("bytes", line.bytes() < 0 ? null : line.bytes());
        object.put("ms", line.millis());
        object.put("outcome", line.outcome());
        object.put("code", line.code());
        object.put("node", node);
        object.put("name", line.name());
        object.put("detail", line.detail());
        try {
            // Jackson escapes every control character, so no name or detail can end the line or forge another.
            String json = JSON.writeValueAsString(object);
            // Read at each write, not kept: tests and embedders may replace the stream.
            PrintStream out = System.err;
            synchronized (out) {
                out.println(json);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A job line holds only strings and numbers", e);
        }
    }
}
