package org.darkroom.inbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.darkroom.door.Door;
import org.darkroom.door.FlowCall;
import org.darkroom.door.JobLine;
import org.darkroom.door.JobLog;
import org.darkroom.door.RequestId;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves what camel-file cannot process out of the inbox before each poll: entries that are not regular files
 * (folders, pipes, sockets, devices, broken links) fail with {@code not_a_file}, files whose names cannot be carried
 * (too long, a backslash, not UTF-8) with {@code bad_name}. Each goes to {@code failed/} beside its error record.
 *
 * <p>camel-file never sees these ({@link SettledFiles} skips them), so a pipe cannot block the poller and a long
 * name cannot fail at its lock marker on every poll. The folder is read through NIO, which keeps a name's raw bytes,
 * so even a name that is not UTF-8 can be moved. What cannot be moved is logged once and left.
 */
public final class Strays extends DefaultPollingConsumerPollStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(Strays.class);

    private final DataLayout layout;
    private final long settleMillis;
    private final Path stagingDir;
    private final DarkroomMetrics metrics;
    private final Map<String, String> flowByInbox;
    private final String node;
    private final Map<Path, Set<Path>> leftByInbox = new ConcurrentHashMap<>();

    public Strays(DataLayout layout, long settleMillis, Path stagingDir, DarkroomMetrics metrics,
                  Map<String, String> flowByInbox, String node) {
        this.layout = layout;
        this.settleMillis = settleMillis;
        this.stagingDir = stagingDir;
        this.metrics = metrics;
        this.flowByInbox = Map.copyOf(flowByInbox);
        this.node = node;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (endpoint instanceof FileEndpoint files) {
            sweep(files.getFile().toPath());
        }
        return true;
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        // camel-file's own warning would print the cause's message, which may hold a file name, as it is.
        LOG.warn("inbox poll failed, will try again: {}", LogText.of(String.valueOf(cause)));
        return false;
    }

    void sweep(Path inboxDir) {
        Set<Path> left = leftByInbox.computeIfAbsent(inboxDir, k -> ConcurrentHashMap.newKeySet());
        Set<Path> seen = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inboxDir)) {
            for (Path entry : entries) {
                seen.add(entry);
                if (!InboxFiles.isIgnored(entry.getFileName().toString()) && !InboxFiles.isCandidate(entry)
                        && !left.contains(entry) && settled(entry)) {
                    fail(inboxDir, entry, left);
                }
            }
        } catch (IOException e) {
            LOG.warn("inbox {} could not be listed: {}", LogText.of(inboxDir.toString()), LogText.of(e.toString()));
        }
        left.retainAll(seen);
    }

    private boolean settled(Path entry) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.lastModifiedTime().toMillis() <= System.currentTimeMillis() - settleMillis;
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private void fail(Path inboxDir, Path entry, Set<Path> left) {
        String inbox = inboxDir.getFileName().toString();
        Path failedDir = layout.failed(inbox);
        FailedNames names = FailedNames.of(entry.getFileName());
        ErrorCode code = Files.isRegularFile(entry) ? ErrorCode.BAD_NAME : ErrorCode.NOT_A_FILE;
        String flow = flowByInbox.getOrDefault(inbox, "-");
        String id = RequestId.create();
        try {
            FailureRecords.write(failedDir, stagingDir, names, code, code.defaultMessage(), id, node);
            Files.move(entry, failedDir.resolve(names.stored()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            left.add(entry);
            try {
                Files.deleteIfExists(failedDir.resolve(names.record()));
            } catch (IOException ignored) {
                // The record without its input says only what the log says too.
            }
            // Not a job put back to wait, like other files left: something an operator must look at.
            LOG.warn("{}", JobLog.text(line(flow, id, "left", code, inbox, names, "could not be moved to failed/: " + e)));
            return;
        }
        FlowCall.account(metrics, line(flow, id, "failed", code, inbox, names, "moved to failed/ as " + names.stored()));
    }

    private static JobLine line(String flow, String id, String outcome, ErrorCode code, String inbox, FailedNames names,
                                String detail) {
        return new JobLine(Door.INBOX.label(), flow, id, -1, 0, outcome, code.code(), inbox + "/" + names.shown(),
                detail);
    }
}
