package org.dcsuite.dashboard.data;

import java.util.Objects;

/**
 * What the Explore view draws for one selector.
 *
 * @param data    the series drawn, at most {@link ExploreService#MAX_SERIES}
 * @param matched how many series had readings in the window; more than drawn when the cap cut them
 */
public record ExploreChart(ChartData data, int matched) {

    public ExploreChart {
        Objects.requireNonNull(data, "data");
    }

    /** Whether series were left out to stay within {@link ExploreService#MAX_SERIES}. */
    public boolean capped() {
        return matched > data.series().size();
    }
}
