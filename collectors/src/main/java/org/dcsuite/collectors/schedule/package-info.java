/**
 * Poll scheduling: each device polled at its interval on a virtual thread, start times spread over the interval,
 * at most one poll in flight per device, exponential backoff for unreachable devices, and per-device health
 * series in the manner of Prometheus's {@code up}.
 */
package org.dcsuite.collectors.schedule;
