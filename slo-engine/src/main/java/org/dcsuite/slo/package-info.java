/**
 * The SLO engine: definitions (OpenSLO v1 as is, and a native form), SLI evaluation from the store's rollups,
 * error budgets, multi-window multi-burn-rate alert states and exhaustion forecasts. Depends on core only.
 */
package org.dcsuite.slo;
