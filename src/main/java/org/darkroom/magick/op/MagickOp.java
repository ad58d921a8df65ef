package org.darkroom.magick.op;

import java.util.List;

/** One image operation: it contributes a fixed sequence of ImageMagick arguments built only from typed values. */
public interface MagickOp {

    /** Appends this operation's arguments, in order, to {@code argv}. */
    void appendTo(List<String> argv);
}
