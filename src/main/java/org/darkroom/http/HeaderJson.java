package org.darkroom.http;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON written to be an HTTP header value: visible ASCII only, every other character as a {@code \}{@code uXXXX}
 * escape (CR and LF included), so a JSON parser gets back exactly what was written.
 *
 * <p>The server writes header values byte for byte from Latin-1, so {@code ☕} would otherwise arrive as {@code ?};
 * and a raw line break from a caller's file name must never reach a header.
 */
final class HeaderJson {
    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
            .characterEscapes(new VisibleAscii()).enable(JsonWriteFeature.ESCAPE_NON_ASCII).build()).build();

    private HeaderJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Records hold only JSON-able values", e);
        }
    }

    /** JSON's own escapes of control characters, plus DEL, the one control character JSON leaves raw. */
    private static final class VisibleAscii extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        VisibleAscii() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Only consulted for ESCAPE_CUSTOM, which is never set.
            return null;
        }
    }
}
