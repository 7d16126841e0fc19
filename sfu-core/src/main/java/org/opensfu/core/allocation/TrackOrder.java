package org.opensfu.core.allocation;

import java.util.Comparator;

/** Allocation order: on-stage tracks first, then higher priority first, then by track id, for determinism. */
public final class TrackOrder {
    public static final Comparator<AllocationInput> COMPARATOR = Comparator
            .comparing((AllocationInput in) -> !in.constraints().onStage())
            .thenComparing(in -> -(long) in.constraints().priority())
            .thenComparing(AllocationInput::trackId);

    private TrackOrder() {
    }
}
