package org.darkroom.startup;

/**
 * Something on the machine stops the start (a port or data directory in use, a data directory that cannot be
 * written): one sentence that says what and what to do, and exit status 1.
 */
public final class StartupRefusal extends RuntimeException {
    public StartupRefusal(String sentence) {
        super(sentence);
    }

    public StartupRefusal(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
