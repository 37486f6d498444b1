package org.dcsuite.app.importer;

/** Hears how far an import has got; called from the importing thread after each batch and every few lines. */
public interface ImportProgress {

    /** Shows nothing: for tests, scripts and output that is not a terminal. */
    ImportProgress NONE = (bytesRead, totalBytes, samplesStored) -> {
    };

    /**
     * @param bytesRead     bytes of the input consumed so far
     * @param totalBytes    the size of the input, or -1 when unknown
     * @param samplesStored samples handed to the store so far
     */
    void update(long bytesRead, long totalBytes, long samplesStored);

    /** The import ended (successfully or not): remove any transient output. */
    default void finish() {
    }
}
