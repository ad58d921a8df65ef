package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.darkroom.flow.DarkroomException;
import org.junit.jupiter.api.Test;

/** The data argument: base64 or a data: URI, decoded as a stream, with bad input refused as bad_parameter. */
class DataArgumentTest {
    private static final byte[] BYTES = "some image bytes, more than one line's worth of them".getBytes(
            StandardCharsets.UTF_8);

    @Test
    void plain_and_line_wrapped_base64_decode_to_the_same_bytes() throws Exception {
        String plain = Base64.getEncoder().encodeToString(BYTES);
        String wrapped = Base64.getMimeEncoder(16, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(BYTES);

        assertThat(DataArgument.decode(plain).bytes().readAllBytes()).isEqualTo(BYTES);
        assertThat(DataArgument.decode(wrapped).bytes().readAllBytes()).isEqualTo(BYTES);
        assertThat(DataArgument.decode(plain).declared().contentType()).isNull();
    }

    @Test
    void a_data_uri_declares_its_media_type() throws Exception {
        DataArgument.Decoded decoded = DataArgument.decode("data:image/PNG;name=x.png;base64,"
                + Base64.getEncoder().encodeToString(BYTES));

        assertThat(decoded.bytes().readAllBytes()).isEqualTo(BYTES);
        assertThat(decoded.declared().contentType()).isEqualTo("image/png");
    }

    @Test
    void anything_but_base64_is_a_bad_parameter() {
        for (String bad : new String[] {"not base64!", "AAAA\u00e9AAA", "AA=A"}) {
            assertThatThrownBy(() -> DataArgument.decode(bad).bytes().readAllBytes()).as(bad)
                    .isInstanceOfSatisfying(DarkroomException.class,
                            e -> assertThat(e.code().code()).isEqualTo("bad_parameter"));
        }
        assertThatThrownBy(() -> DataArgument.decode("data:image/png,plain-text"))
                .isInstanceOfSatisfying(DarkroomException.class,
                        e -> assertThat(e.publicMessage()).contains("base64"));
    }
}
