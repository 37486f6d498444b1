/**
 * Device events: SNMP traps and informs and Redfish events received from devices, given their device's topology,
 * published on the event bus for alerting and stored with their device.
 */
package org.dcsuite.collectors.events;
