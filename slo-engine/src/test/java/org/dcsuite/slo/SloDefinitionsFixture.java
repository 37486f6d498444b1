package org.dcsuite.slo;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.slo.definition.BudgetingMethod;
import org.dcsuite.slo.definition.DefaultAlertPolicy;
import org.dcsuite.slo.definition.Exclusion;
import org.dcsuite.slo.definition.SliDefinition;
import org.dcsuite.slo.definition.SloDefinition;
import org.dcsuite.slo.definition.SloWindow;

/** Short ways to build definitions in tests. */
final class SloDefinitionsFixture {

    private SloDefinitionsFixture() {
    }

    static SliDefinition.Ratio badOverTotal(String bad, String total) {
        return new SliDefinition.Ratio(null, SeriesSelector.parse(bad), SeriesSelector.parse(total));
    }

    static SloDefinition slo(String name, SliDefinition sli, BudgetingMethod method, double objective,
            SloWindow window, int sliceMinutes, double sliceTarget, List<Exclusion> exclusions, long minEvents) {
        return new SloDefinition(name, "svc", "", sli, method, objective, Duration.ofMinutes(sliceMinutes),
                sliceTarget, window, DefaultAlertPolicy.get(), exclusions, minEvents, "test");
    }

    static SloDefinition occurrences(String name, SliDefinition sli, double objective, Duration window) {
        return slo(name, sli, BudgetingMethod.OCCURRENCES, objective, new SloWindow.Rolling(window), 1, 0,
                List.of(), 0);
    }
}
