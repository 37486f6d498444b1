package org.dcsuite.simulator.state;

/** The two independent power paths of a rack. */
public enum Feed { A, B }
