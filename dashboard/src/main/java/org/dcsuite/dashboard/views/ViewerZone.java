package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.server.VaadinSession;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The viewer's time zone, as the browser reports it, kept in the session so every view shows times where the viewer
 * is. UTC until the browser answered (or when it names no zone).
 */
final class ViewerZone {

    private static final String ATTRIBUTE = "dcsuite.viewerZone";

    private ViewerZone() {
    }

    static ZoneId get() {
        VaadinSession session = VaadinSession.getCurrent();
        Object zone = session == null ? null : session.getAttribute(ATTRIBUTE);
        return zone instanceof ZoneId z ? z : ZoneOffset.UTC;
    }

    /**
     * Takes the zone from the details the browser sent at start-up, or asks the browser for them (once per session)
     * and runs {@code onChange} when the answer arrives.
     */
    static void detect(UI ui, Runnable onChange) {
        if (ui.getSession().getAttribute(ATTRIBUTE) != null) {
            return;
        }
        ExtendedClientDetails details = ui.getPage().getExtendedClientDetails();
        if (details.getScreenWidth() != -1) {
            remember(ui.getSession(), parse(details.getTimeZoneId()));
            return;
        }
        details.refresh(fresh -> {
            remember(ui.getSession(), parse(fresh.getTimeZoneId()));
            onChange.run();
        });
    }

    static void remember(VaadinSession session, ZoneId zone) {
        session.setAttribute(ATTRIBUTE, zone);
    }

    static ZoneId parse(String id) {
        if (id == null || id.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
