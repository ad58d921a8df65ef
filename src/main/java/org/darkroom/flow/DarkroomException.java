package org.darkroom.flow;

/**
 * A failure with a stable code and a sentence safe to show a user; the detail goes to the log only.
 *
 * <p>The public message never contains server paths, stack traces or raw tool output: callers put those
 * in {@link #detail()}, which doors log and never render.
 */
public class DarkroomException extends RuntimeException {
    private final ErrorCode code;
    private final String publicMessage;

    public DarkroomException(ErrorCode code, String publicMessage, String detail, Throwable cause) {
        super(detail != null ? detail : publicMessage != null ? publicMessage : code.defaultMessage(), cause, false,
                cause != null);
        this.code = code;
        this.publicMessage = publicMessage == null ? code.defaultMessage() : publicMessage;
    }

    public DarkroomException(ErrorCode code, String publicMessage, String detail) {
        this(code, publicMessage, detail, null);
    }

    public DarkroomException(ErrorCode code, String publicMessage) {
        this(code, publicMessage, null, null);
    }

    public DarkroomException(ErrorCode code) {
        this(code, null, null, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The sentence a user sees: what went wrong and what to do about it. */
    public String publicMessage() {
        return publicMessage;
    }

    /** What the log records: the public message plus any internal detail. */
    public String detail() {
        return getMessage();
    }

    /**
     * The coded error behind whatever a route threw; a full disk is {@link OutOfSpace}, anything else uncoded becomes
     * {@link ErrorCode#INTERNAL}.
     */
    public static DarkroomException unwrap(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof DarkroomException coded) {
                return coded;
            }
        }
        if (OutOfSpace.causes(thrown)) {
            return new OutOfSpace(String.valueOf(thrown), thrown);
        }
        return new DarkroomException(ErrorCode.INTERNAL, null, String.valueOf(thrown), thrown);
    }
}
