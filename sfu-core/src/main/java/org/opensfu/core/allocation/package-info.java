/**
 * Per-subscriber bandwidth allocation: which simulcast layer (spatial) and temporal layer of each video track a
 * subscriber receives, given its bandwidth estimate, what the publishers send and what the subscriber asked for.
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>{@link org.opensfu.core.allocation.LayerLadder}: a track's options from worst to best under its constraints
 * (spatial first, then temporal; frame rates below {@code minFrameRate} skipped above the lowest spatial layer).</li>
 * <li>{@link org.opensfu.core.allocation.TrackOrder}: on-stage first, then priority, then track id.</li>
 * <li>{@code RoundRobinFill}: the fair share of a budget from scratch: lowest layers in order while they fit (the
 * first track always), on-stage tracks climb to their best, then everyone climbs in rounds.</li>
 * <li>{@link org.opensfu.core.allocation.BandwidthAllocator}: the hysteresis around it.</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>The target layers' current bitrates never add up to more than the estimate, with one exception: the first
 * track in allocation order always gets at least its lowest layer, even alone over the estimate, so that the
 * picture never stops entirely. The estimator sees the overshoot and keeps this honest.</li>
 * <li>When the held layers exceed the estimate, the allocator downgrades in the same call, to the fair share of
 * 90% of the estimate, never raising a track in that step.</li>
 * <li>An upgrade needs the new total, at the layers' peak bitrates of the last 5 to 10 s, to fit within 90% of the
 * lowest estimate of the last 2 s, at least 2 s of estimate history and 5 s since the last forced downgrade.</li>
 * <li>No voluntary downgrade: between 90% and 100% of the estimate the layers stay as they are, and a playing track
 * is paused only by a forced downgrade.</li>
 * <li>A rebalance (some tracks down, others up) happens at once after a change of the tracks or their constraints,
 * otherwise only once wanted for 5 s.</li>
 * </ul>
 * All times are passed in by the caller, so the whole package runs in virtual time.
 */
package org.opensfu.core.allocation;
