package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.dcsuite.dashboard.data.SloBoardService;
import org.dcsuite.dashboard.data.SloRow;

/**
 * How the SLO views write their figures (fractions as %, burn rates as multiples "2.5 x") and draw the error-budget
 * bar and the burn and alert badges. Colours come from Lumo's palette so both themes read them; each element carries
 * its band in {@code data-band} for tests and style sheets.
 */
final class SloFormats {

    private static final String RED = "var(--lumo-error-color)";
    private static final String AMBER = "var(--lumo-warning-color, #d48806)";
    private static final String GREEN = "var(--lumo-success-color)";

    private SloFormats() {
    }

    /** An objective as written, in %: 0.999 is "99.9 %", 0.99 "99 %". */
    static String objective(double fraction) {
        BigDecimal percent = BigDecimal.valueOf(fraction).movePointRight(2).setScale(6, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return percent.toPlainString() + " %";
    }

    /** An SLI in % to three decimals: an objective of 99.9 % needs the third to show how close it is. */
    static String sli(OptionalDouble fraction) {
        return fraction.isEmpty() ? Formats.NONE
                : String.format(Locale.ROOT, "%.3f %%", fraction.getAsDouble() * 100);
    }

    /** The budget left in whole %, "overspent by 35 %" below zero. */
    static String budget(OptionalDouble remaining) {
        if (remaining.isEmpty()) {
            return Formats.NONE;
        }
        double percent = remaining.getAsDouble() * 100;
        return percent < 0 ? String.format(Locale.ROOT, "overspent by %.0f %%", -percent)
                : String.format(Locale.ROOT, "%.0f %% left", percent);
    }

    /** A burn rate as a multiple of the rate that spends the budget exactly over the SLO's window. */
    static String burn(double rate) {
        return String.format(Locale.ROOT, rate < 10 ? "%.2f x" : "%.1f x", rate);
    }

    /**
     * The error budget as a bar: filled to the share left, green from 50 %, amber from 20 %, red below and when
     * overspent ({@link SloRow.BudgetBand}); the text says the figure.
     */
    static Component budgetBar(SloRow row) {
        SloRow.BudgetBand band = row.budgetBand();
        double left = row.budgetRemaining().orElse(0);
        Div fill = new Div();
        fill.getStyle().set("height", "100%").set("border-radius", "3px")
                .set("width", String.format(Locale.ROOT, "%.1f%%", Math.max(0, Math.min(1, left)) * 100))
                .set("background", colour(band));
        Div track = new Div(fill);
        track.getStyle().set("width", "6rem").set("height", "0.6rem").set("border-radius", "3px")
                .set("background", "var(--lumo-contrast-10pct)")
                .set("outline", band == SloRow.BudgetBand.OVERSPENT ? "2px solid " + RED : "none");
        Span text = new Span(budget(row.budgetRemaining()));
        text.getStyle().set("font-variant-numeric", "tabular-nums");
        HorizontalLayout bar = new HorizontalLayout(track, text);
        bar.setSpacing(true);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.getElement().setAttribute("data-band", band.name().toLowerCase(Locale.ROOT));
        bar.addClassName("slo-budget");
        bar.getElement().setAttribute("title", row.budgetRemaining().isEmpty()
                ? "No slo.error_budget.remaining in the last " + SloBoardService.LOOKBACK.toMinutes() + " min"
                : "Error budget left (slo.error_budget.remaining): green from 50 %, amber from 20 %, red below "
                        + "20 % and when overspent");
        return bar;
    }

    private static String colour(SloRow.BudgetBand band) {
        return switch (band) {
            case HEALTHY -> GREEN;
            case LOW -> AMBER;
            case CRITICAL, OVERSPENT -> RED;
            case UNKNOWN -> "transparent";
        };
    }

    /** One badge per burn window stored ("1h 0.52 x"), coloured by {@link SloRow.BurnBand}; thresholds as tooltip. */
    static Component burnBadges(SloRow row) {
        HorizontalLayout badges = new HorizontalLayout();
        badges.setSpacing(false);
        badges.getStyle().set("gap", "0.25rem").set("flex-wrap", "wrap");
        for (String window : SloBoardService.BURN_WINDOWS) {
            Double rate = row.burnRates().get(window);
            SloRow.BurnBand band = row.burnBands().getOrDefault(window, SloRow.BurnBand.NORMAL);
            Span badge = badge(window + " " + (rate == null ? Formats.NONE : burn(rate)),
                    rate == null ? "none" : band.name().toLowerCase(Locale.ROOT));
            switch (band) {
                case PAGE -> badge.getStyle().set("background", RED).set("color", "var(--lumo-error-contrast-color)");
                case ELEVATED -> badge.getStyle().set("background", AMBER).set("color", "#000");
                case NORMAL -> { }
            }
            badge.getElement().setAttribute("title", "slo.burn_rate over " + window
                    + (rate == null ? ": none stored recently" : "") + "; " + row.burnThresholds().get(window));
            badges.add(badge);
        }
        return badges;
    }

    /** The tiers firing as red (first tier) or amber badges, "none" when none fires. */
    static Component alertBadges(SloRow row) {
        HorizontalLayout badges = new HorizontalLayout();
        badges.setSpacing(false);
        badges.getStyle().set("gap", "0.25rem");
        List<String> firing = row.firing();
        if (firing.isEmpty()) {
            Span none = new Span(row.tiers().isEmpty() ? Formats.NONE : "none");
            none.getElement().setAttribute("title", "Tiers of the alert policy: " + String.join(", ", row.tiers()));
            badges.add(none);
            return badges;
        }
        for (String tier : firing) {
            boolean urgent = tier.equals(row.tiers().getFirst());
            Span badge = badge(tier, "firing");
            badge.getStyle().set("background", urgent ? RED : AMBER)
                    .set("color", urgent ? "var(--lumo-error-contrast-color)" : "#000");
            badge.getElement().setAttribute("title", "slo.alert.firing{tier=\"" + tier + "\"} is 1: the tier's "
                    + "multi-window burn-rate rule holds");
            badges.add(badge);
        }
        return badges;
    }

    private static Span badge(String text, String band) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        badge.getElement().setAttribute("data-band", band);
        badge.getStyle().set("font-variant-numeric", "tabular-nums");
        return badge;
    }
}
