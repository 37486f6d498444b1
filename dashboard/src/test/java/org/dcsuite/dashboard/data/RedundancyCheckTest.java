package org.dcsuite.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.model.PowerRating;
import org.dcsuite.core.model.VoltageConvention;
import org.junit.jupiter.api.Test;

/** The A/B rule's arithmetic, its boundary, ratings in W per convention and the phase imbalance, by hand. */
class RedundancyCheckTest {

    private static OptionalDouble w(double watts) {
        return OptionalDouble.of(watts);
    }

    private static PduRating rating(double amps, double volts, VoltageConvention convention, int phases) {
        return new PduRating("pdu-1", Optional.of(new PowerRating(amps, volts, convention, phases)));
    }

    @Test
    void aPdusRatingInWattsFollowsItsConfiguredConvention() {
        // 3 x 230 V x 16 A = 11040 W; sqrt(3) x 400 V x 16 A = 11085 W; a single-phase 32 A feed at 230 V = 7360 W.
        PduRating wye = rating(16, 230, VoltageConvention.LINE_TO_NEUTRAL, 3);
        assertThat(wye.watts()).hasValue(11040.0);
        assertThat(wye.ratedAmps()).hasValue(16.0);
        assertThat(wye.formula()).contains("3 × 230 V line-to-neutral × 16 A = 11040 W");
        PduRating delta = rating(16, 400, VoltageConvention.LINE_TO_LINE, 3);
        assertThat(delta.watts().getAsDouble()).isCloseTo(11085.1, within(0.1));
        assertThat(delta.formula()).contains("√3 × 400 V line-to-line × 16 A = 11085 W");
        PduRating single = rating(32, 230, VoltageConvention.LINE_TO_NEUTRAL, 1);
        assertThat(single.formula()).contains("230 V single phase × 32 A = 7360 W");
        assertThat(single.source()).isEqualTo("32 A per phase, 1 phase, from the configuration: "
                + "230 V single phase × 32 A = 7360 W");
    }

    @Test
    void withoutAConfiguredRatingTheSourceSaysHowToSetOne() {
        PduRating none = new PduRating("pdu-1", Optional.empty());
        assertThat(none.watts()).isEmpty();
        assertThat(none.ratedAmps()).isEmpty();
        assertThat(none.formula()).isEmpty();
        assertThat(none.source()).contains("no rating", "pdu-1", "rating: { current_a, voltage_v");
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
}
