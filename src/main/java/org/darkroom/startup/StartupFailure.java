package org.darkroom.startup;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a start failed, as the one sentence and exit status the user gets instead of a stack trace.
 *
 * <p>Camel wraps what went wrong in its own exceptions; the sentence is the first exception in the chain that is not
 * such a wrapper, which is where Darkroom said what to do.
 *
 * @param sentence what went wrong, on one line
 * @param status   {@link #SETTINGS} for a wrong flag or setting, {@link #REFUSED} for everything else
 */
public record StartupFailure(String sentence, int status) {
    /** Exit status when a flag, environment variable or setting has a wrong name or value. */
    public static final int SETTINGS = 2;
    /** Exit status when the start is refused for any other reason. */
    public static final int REFUSED = 1;

    private static final Set<Class<?>> WRAPPERS = Set.of(RuntimeException.class, CompletionException.class,
            ExecutionException.class, java.lang.reflect.InvocationTargetException.class);

    public static StartupFailure of(Throwable failure) {
        Throwable reason = failure;
        while (reason.getCause() != null && reason.getCause() != reason && isWrapper(reason)) {
            reason = reason.getCause();
        }
        String message = reason.getMessage() == null ? "" : reason.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        boolean ours = reason.getClass().getName().startsWith("org.darkroom.")
                || reason instanceof IllegalArgumentException || reason instanceof IllegalStateException;
        String sentence = ours && !message.isEmpty() ? message
                : "Darkroom could not start (" + reason.getClass().getSimpleName() + "): " + message;
        return new StartupFailure(sentence, isSettings(failure) ? SETTINGS : REFUSED);
    }

    private static boolean isWrapper(Throwable t) {
        return WRAPPERS.contains(t.getClass()) || t.getClass().getName().startsWith("org.apache.camel.");
    }

    /** A wrong setting anywhere in the chain: ours, or one Camel could not bind to its own options. */
    private static boolean isSettings(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.darkroom.config.SettingException
                    || t.getClass().getSimpleName().equals("PropertyBindingException")) {
                return true;
            }
            if (t instanceof StartupRefusal) {
                return false;
            }
        }
        return false;
    }
}
