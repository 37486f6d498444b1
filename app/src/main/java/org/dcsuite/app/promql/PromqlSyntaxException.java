package org.dcsuite.app.promql;

/** A query that cannot be parsed or uses PromQL that dcsuite does not support; the message says which. */
public final class PromqlSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public PromqlSyntaxException(String query, int position, String problem) {
        super("invalid query '" + query + "' at position " + (position + 1) + ": " + problem);
        this.position = position;
    }

    /** Zero-based character offset of the problem. */
    public int position() {
        return position;
    }
}
