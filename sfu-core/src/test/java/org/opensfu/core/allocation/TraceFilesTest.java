package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class TraceFilesTest {
    static final java.util.List<String> NAMES = TraceGenerator.ALL;

    @ParameterizedTest
    @FieldSource("NAMES")
    void committedTracesAreTheGeneratorsOutput(String name) {
        assertThat(EstimateTrace.load(name)).isEqualTo(TraceGenerator.generate(name));
    }
}
