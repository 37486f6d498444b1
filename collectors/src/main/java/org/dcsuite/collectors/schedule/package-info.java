/**
 * Poll scheduling: each device polled at its interval on a virtual thread, start times spread over the interval,
 * at most one poll in flight per device, a deadline per poll, exponential backoff for unreachable devices, and
 * per-device health series in the manner of Prometheus's {@code up}, kept current (never frozen) while a device
 * is down. The scheduler's own meters and spans tell how polling itself is doing.
 */
package org.dcsuite.collectors.schedule;
