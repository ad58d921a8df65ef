package org.darkroom.cluster;

/**
 * The cluster database cannot be used (unreachable, wrong credentials, no right to create the lease table): one
 * sentence that says what and what to do, without a password or a stack trace, for the start to stop with.
 */
public final class ClusterRefusal extends RuntimeException {
    ClusterRefusal(String sentence) {
        super(sentence);
    }
}
