package org.dcsuite.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The A/B rule's arithmetic, its boundary and the phase imbalance, with hand-computed values. */
class RedundancyCheckTest {

    private static OptionalDouble w(double watts) {
        return OptionalDouble.of(watts);
    }

    @Test
    void ratingIsPhasesTimesLineToNeutralVoltsTimesAmps() {
        // 3 x 230 V x 16 A = 11040 W; a single-phase 32 A feed at 230 V = 7360 W.
        assertThat(RedundancyCheck.ratingWatts(3, 230, 16)).isEqualTo(11040.0);
        assertThat(RedundancyCheck.ratingWatts(1, 230, 32)).isEqualTo(7360.0);
        assertThatThrownBy(() -> RedundancyCheck.ratingWatts(0, 230, 16)).hasMessageContaining("at least 1 phase");
        assertThatThrownBy(() -> RedundancyCheck.ratingWatts(3, 0, 16)).hasMessageContaining("0.0 V");
    }

    @Test
    void exactlyEightyPercentIsStillOk() {
        // 80 % of 10000 W = 8000 W; 4000 + 4000 = 8000 is within.
        RedundancyCheck.Result r = RedundancyCheck.evaluate(w(4000), w(4000), w(10000));
        assertThat(r.verdict()).isEqualTo(RedundancyCheck.Verdict.OK);
        assertThat(r.totalWatts()).hasValue(8000.0);
        assertThat(r.limitWatts()).hasValue(8000.0);
        assertThat(r.reason()).isEqualTo("A + B = 8000 W <= 8000 W (80 % of one feed's 10000 W)");
    }

    @Test
    void halfAWattAboveIsAtRisk() {
        RedundancyCheck.Result r = RedundancyCheck.evaluate(w(4000), w(4000.5), w(10000));
        assertThat(r.verdict()).isEqualTo(RedundancyCheck.Verdict.AT_RISK);
        assertThat(r.reason()).contains("> 8000 W");
    }

    @Test
    void aLightlyLoadedPairIsOkEvenWhenUnbalanced() {
        // 7000 W on A and nothing on B still fits in 8000 W: the rule is about the sum, not the split.
        assertThat(RedundancyCheck.evaluate(w(7000), w(0), w(10000)).verdict()).isEqualTo(RedundancyCheck.Verdict.OK);
    }

    @Test
    void missingRatingOrLoadIsUnknownNotOk() {
        RedundancyCheck.Result noRating = RedundancyCheck.evaluate(w(1), w(1), OptionalDouble.empty());
        assertThat(noRating.verdict()).isEqualTo(RedundancyCheck.Verdict.UNKNOWN);
        assertThat(noRating.reason()).contains("no rating");
        RedundancyCheck.Result noB = RedundancyCheck.evaluate(w(1), OptionalDouble.empty(), w(10000));
        assertThat(noB.verdict()).isEqualTo(RedundancyCheck.Verdict.UNKNOWN);
        assertThat(noB.reason()).isEqualTo("feed B has no recent power reading");
    }

    @Test
    void imbalanceIsTheLargestDeviationFromTheMeanOverTheMean() {
        // Mean of 12, 9, 9 A is 10 A; the largest deviation is 2 A: 20 %.
        assertThat(PduStatus.imbalancePercent(new double[] {12, 9, 9})).hasValueCloseTo(20.0, within(1e-9));
        assertThat(PduStatus.imbalancePercent(new double[] {5, 5, 5})).hasValue(0.0);
        assertThat(PduStatus.imbalancePercent(new double[] {5})).isEmpty();
        assertThat(PduStatus.imbalancePercent(new double[] {0, 0, 0})).isEmpty();
    }

    @Test
    void aRatingTypoGivesNoRatingWithTheReason() {
        PduRating r = PduRating.fromAttributes("pdu-1", java.util.Map.of(PduRating.RATED_CURRENT_ATTRIBUTE, "16A"));
        assertThat(r.ratedAmps()).isEmpty();
        assertThat(r.source()).contains("pdu-1", "rated_current_a", "'16A'");
    }
}
