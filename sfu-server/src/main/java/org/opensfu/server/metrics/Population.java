package org.opensfu.server.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The objects (transports, producers...) seen so far that still exist. Each {@link #update} with the current ones
 * returns those that disappeared since, so their final counts can be folded into a retired total: totals then never go
 * down when a participant leaves. Objects are compared by identity. Not thread-safe.
 */
final class Population<T> {
    private final Set<T> known = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Remembers the newcomers among {@code current} and returns (and forgets) the known ones that are gone. */
    List<T> update(Collection<? extends T> current) {
        Set<T> now = Collections.newSetFromMap(new IdentityHashMap<>());
        now.addAll(current);
        List<T> gone = new ArrayList<>();
        for (T object : known) {
            if (!now.contains(object)) {
                gone.add(object);
            }
        }
        gone.forEach(known::remove);
        known.addAll(now);
        return gone;
    }

    /** The objects that exist (as of the last update). */
    Set<T> live() {
        return Collections.unmodifiableSet(known);
    }
}
