/**
 * What simulated devices push: conditions detected in the physical model's states (a UPS on battery, a PDU phase
 * over its breaker's limit, a stopped server fan) as they start and end, and where SNMP notifications go. The
 * front ends turn each change into what the real device would send: SNMP traps or informs, Redfish events.
 */
package org.dcsuite.simulator.events;
