package org.dcsuite.app.importer;

/** Why a line of an import file was not stored, or what is wrong with the file as a whole. */
public enum SkipReason {
    /** The line does not follow the format; the problem's message says what was wrong. */
    SYNTAX("syntax errors"),
    /** A sample without timestamp: a backfill cannot guess when it was taken. */
    NO_TIMESTAMP("samples without timestamp"),
    /** A metric or label name that the format or dcsuite does not accept. */
    INVALID_NAME("invalid metric or label names"),
    /** Input after the {@code # EOF} line, which the format says ends the exposition. */
    AFTER_EOF("lines after # EOF"),
    /** The file ends without {@code # EOF}: possibly truncated. A warning, no line is skipped. */
    MISSING_EOF("missing # EOF");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** The plural phrase used in the import summary. */
    public String label() {
        return label;
    }

    /** Whether problems of this kind stand for a line that was not imported. */
    public boolean skipsLine() {
        return this != MISSING_EOF;
    }
}
