/**
 * The demo's simulated applications: a few services per site whose requests become OpenTelemetry spans, exported
 * over OTLP/HTTP as a real application's SDK exports them, so trace-derived SLOs and energy per request have data.
 *
 * <p>{@link org.dcsuite.simulator.traffic.TrafficPlanReader} reads the plan ({@code traffic.yaml}: per site, the
 * services with their routes, rate, error ratio and segment latencies). Each service is one
 * {@link org.dcsuite.simulator.traffic.ServiceTrafficSource}: Poisson arrivals whose rate swings over the site's
 * local day, lognormal latencies per segment, a small error ratio and occasional short incidents, all drawn from a
 * stream seeded by the seed, the site and the service, so the requests are a pure function of those and the
 * instants played. {@link org.dcsuite.simulator.traffic.TrafficGenerator} plays them, live or up to a given instant.
 */
package org.dcsuite.simulator.traffic;
