package org.dcsuite.dashboard.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import java.security.Principal;
import java.util.function.Predicate;

/**
 * Vaadin's annotation-based navigation check ({@code @RolesAllowed}, {@code @PermitAll}, {@code @AnonymousAllowed})
 * fed from the Vaadin session instead of a servlet security realm: every navigation, including the first request
 * of a bookmarked URL, is checked on the server. Anonymous users are forwarded to the login view; logged-in users
 * without the role get the access-denied error.
 */
public final class DashboardAccessControl extends NavigationAccessControl {

    @Override
    protected Principal getPrincipal(VaadinRequest request) {
        return CurrentUser.get().orElse(null);
    }

    @Override
    protected Predicate<String> getRolesChecker(VaadinRequest request) {
        return CurrentUser.get()
                .<Predicate<String>>map(user -> role -> user.role().id().equals(role))
                .orElse(role -> false);
    }
}
