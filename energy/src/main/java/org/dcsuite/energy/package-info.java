/**
 * Energy KPIs (PUE, pPUE, CUE, WUE, ERE/ERF, REF) per ISO/IEC 30134 from measured power and energy series,
 * each with its metering category and coverage; carbon-intensity and price signals. Depends on core only.
 */
package org.dcsuite.energy;
