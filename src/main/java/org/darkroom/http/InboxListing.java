package org.darkroom.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.door.InboxOverview;

/**
 * The {@code GET /v1/inboxes} document: per inbox its flow, the counts of inputs waiting, done and failed, and the
 * latest failures with their codes and sentences. The limits it was counted under are part of the answer, so a
 * count that reached one reads as "at least".
 */
final class InboxListing {
    private InboxListing() {
    }

    static Map<String, Object> document(InboxOverview overview) {
        List<Map<String, Object>> inboxes = new ArrayList<>();
        for (InboxOverview.InboxState state : overview.inboxes()) {
            Map<String, Object> inbox = new LinkedHashMap<>();
            inbox.put("inbox", state.inbox());
            inbox.put("flow", state.flow());
            inbox.put("waiting", state.waiting());
            inbox.put("done", state.done());
            inbox.put("failed", state.failed());
            inbox.put("capped", state.capped());
            inbox.put("failures", state.failures().stream().map(InboxListing::failure).toList());
            inboxes.add(inbox);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("inboxes", inboxes);
        document.put("count_limit", InboxOverview.COUNT_LIMIT);
        document.put("failure_limit", InboxOverview.FAILURE_LIMIT);
        return document;
    }

    private static Map<String, Object> failure(InboxOverview.Failure failure) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", failure.name());
        entry.put("code", failure.code());
        entry.put("message", failure.message());
        entry.put("request_id", failure.requestId());
        entry.put("when", failure.when().toString());
        return entry;
    }
}
