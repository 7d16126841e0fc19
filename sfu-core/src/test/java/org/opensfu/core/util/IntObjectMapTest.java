package org.opensfu.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IntObjectMapTest {
    @Test
    void putsGetsAndRemovesWithoutBoxing() {
        IntObjectMap<String> map = new IntObjectMap<>(2);
        for (int i = 0; i < 1000; i++) {
            assertThat(map.put(i * 7919, "v" + i)).isNull();
        }
        assertThat(map.size()).isEqualTo(1000);
        assertThat(map.get(7919 * 500)).isEqualTo("v500");
        assertThat(map.put(7919 * 500, "x")).isEqualTo("v500");
        assertThat(map.remove(7919 * 500)).isEqualTo("x");
        assertThat(map.get(7919 * 500)).isNull();
        assertThat(map.size()).isEqualTo(999);
        assertThat(map.get(-1)).isNull();
    }

    /** Behaves like a HashMap under any sequence of puts and removes (small key range forces collisions). */
    @Property
    void agreesWithHashMap(@ForAll @Size(max = 300) List<@IntRange(min = -40, max = 40) Integer> operations) {
        IntObjectMap<Integer> map = new IntObjectMap<>(4);
        Map<Integer, Integer> reference = new HashMap<>();
        int step = 0;
        for (int key : operations) {
            if (step++ % 3 == 2) {
                assertThat(map.remove(key)).isEqualTo(reference.remove(key));
            } else {
                assertThat(map.put(key, step)).isEqualTo(reference.put(key, step));
            }
            assertThat(map.size()).isEqualTo(reference.size());
        }
        for (int key = -41; key <= 41; key++) {
            assertThat(map.get(key)).isEqualTo(reference.get(key));
        }
    }
}
