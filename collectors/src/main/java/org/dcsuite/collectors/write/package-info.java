/**
 * Batching samples to the store on one writer thread, spooling batches while the store is down and replaying them
 * in order once it answers again.
 */
package org.dcsuite.collectors.write;
