package org.darkroom.config;

/**
 * A flag or setting with a wrong name or value: the start stops with this one sentence and exit status 2.
 *
 * <p>An {@link IllegalArgumentException}, so code that checked arguments before this type existed still reads it
 * the same way.
 */
public final class SettingException extends IllegalArgumentException {
    public SettingException(String sentence) {
        super(sentence);
    }

    public SettingException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
