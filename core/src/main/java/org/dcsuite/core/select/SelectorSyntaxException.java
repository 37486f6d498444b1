package org.dcsuite.core.select;

/** A selector or query that cannot be parsed; the message names the position and what was expected. */
public final class SelectorSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public SelectorSyntaxException(String input, int position, String problem) {
        super("invalid selector '" + input + "' at position " + (position + 1) + ": " + problem);
        this.position = position;
    }

    /** Zero-based character offset of the problem. */
    public int position() {
        return position;
    }
}
