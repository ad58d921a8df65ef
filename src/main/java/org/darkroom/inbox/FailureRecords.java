package org.darkroom.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.OutOfSpace;
import org.darkroom.flow.Version;

/**
 * Writes the error record of a failed input into {@code failed/}: its request id, code, the sentence for the user,
 * its name; and tells a full disk (the input must then stay in its inbox) from other faults.
 */
final class FailureRecords {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FailureRecords() {
    }

    /**
     * Whether the record was committed; false when the disk had no room for it. Other faults are thrown.
     * {@code requestId} names the failure in the log, {@code node} the instance that recorded it.
     */
    static boolean write(Path failedDir, Path stagingDir, FailedNames names, ErrorCode code, String message,
                         String requestId, String node) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("request_id", requestId);
        record.put("node", node);
        record.put("code", code.code());
        record.put("message", message);
        record.put("name", names.shown());
        record.put("darkroom_version", Version.current());
        try {
            AtomicFiles.write(JSON.writeValueAsBytes(record), stagingDir, failedDir.resolve(names.record()));
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Records hold only JSON-able values", e);
        } catch (UncheckedIOException e) {
            if (OutOfSpace.causes(e)) {
                return false;
            }
            throw e;
        }
    }
}
