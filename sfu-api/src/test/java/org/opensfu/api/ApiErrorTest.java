package org.opensfu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApiErrorTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void serializesAsCodeAndMessage() throws Exception {
        String json = mapper.writeValueAsString(new ApiError(ErrorCode.NOT_FOUND, "no room 'x'"));
        assertThat(json).isEqualTo("{\"code\":\"NOT_FOUND\",\"message\":\"no room 'x'\"}");
        assertThat(mapper.readValue(json, ApiError.class)).isEqualTo(new ApiError(ErrorCode.NOT_FOUND, "no room 'x'"));
    }

    @Test
    void requiresBothFields() {
        assertThatThrownBy(() -> new ApiError(null, "x")).isInstanceOf(NullPointerException.class);
    }
}
