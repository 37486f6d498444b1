/**
 * Turns what a driver read into stored samples: reading attributes plus the device's topology, counters kept as
 * counters, one metric descriptor per metric.
 */
package org.dcsuite.collectors.normalize;
