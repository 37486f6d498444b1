package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import java.util.List;

/**
 * What a view shows for an id the configuration does not know (a stale bookmark, a typo): the id, the ids that
 * exist, and a way back, instead of an error page.
 */
final class NotFound extends Div {

    NotFound(String what, String id, List<String> known) {
        setId("not-found");
        Paragraph message = new Paragraph("No " + what + " '" + id + "' is configured. "
                + (known.isEmpty() ? "None is configured here." : "Configured: " + String.join(", ", known) + "."));
        message.setId("not-found-message");
        add(new H2("Not found"), message, new RouterLink("Back to the fleet", FleetView.class));
    }
}
