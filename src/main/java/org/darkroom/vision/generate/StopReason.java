package org.darkroom.vision.generate;

/** Why greedy decoding stopped. */
public enum StopReason {
    /** The model chose the end-of-text token. */
    EOS,
    /** {@code maxTokens} tokens were generated (or the context would have overflowed) before EOS. */
    TOKEN_LIMIT,
    /** {@code maxObjects} regions were decoded (or the context would have overflowed) before EOS. */
    OBJECT_LIMIT
}
