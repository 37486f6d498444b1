package org.dcsuite.dashboard.security;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.dcsuite.core.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logged-in sessions of this server, for the admin's "Users & sessions" view, and the one way to end another
 * user's session. Sessions are named by a random handle, never by the HTTP session id, which would let whoever reads
 * it take the session over.
 */
public final class DashboardSessions {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardSessions.class);
    private static final int HANDLE_BYTES = 6;

    private final ConcurrentMap<String, Entry> byHandle = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * One logged-in session as the admin sees it.
     *
     * @param handle  a random name of the session, unrelated to its HTTP session id
     * @param user    the login name
     * @param role    the user's role
     * @param since   when the user logged in
     * @param address the client address the login came from
     */
    public record ActiveSession(String handle, String user, Role role, Instant since, String address) {

        public ActiveSession {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(address, "address");
        }
    }

    private record Entry(ActiveSession info, VaadinSession session) {
    }

    /** Records a login into {@code session}; returns what the admin view will show of it. */
    public ActiveSession opened(DashboardPrincipal principal, String address, Instant at, VaadinSession session) {
        byte[] bytes = new byte[HANDLE_BYTES];
        random.nextBytes(bytes);
        ActiveSession info = new ActiveSession(HexFormat.of().formatHex(bytes), principal.name(), principal.role(), at,
                address == null ? "unknown" : address);
        closed(session);
        byHandle.put(info.handle(), new Entry(info, session));
        return info;
    }

    /** Forgets a session that logged out or expired. */
    public void closed(VaadinSession session) {
        byHandle.values().removeIf(e -> e.session() == session);
    }

    /** The sessions logged in now, oldest login first. */
    public List<ActiveSession> active() {
        return byHandle.values().stream().map(Entry::info).sorted(Comparator.comparing(ActiveSession::since)
                .thenComparing(ActiveSession::handle)).toList();
    }

    /** The handle of the session a Vaadin session is logged in as. */
    public Optional<String> handleOf(VaadinSession session) {
        return byHandle.values().stream().filter(e -> e.session() == session).map(e -> e.info().handle()).findFirst();
    }

    /**
     * Ends a session: its user is logged out and its HTTP session invalidated, so its next request goes to the login
     * page. Runs the change under that session's own lock ({@code VaadinSession.access}); call it without holding
     * another session's lock.
     *
     * @param by who asked, for the log
     * @return whether a session had that handle
     */
    public boolean end(String handle, String by) {
        Entry entry = byHandle.remove(handle);
        if (entry == null) {
            return false;
        }
        LOG.info("dashboard session of user '{}' from {} ended by '{}'", entry.info().user(), entry.info().address(),
                by);
        entry.session().access(() -> {
            entry.session().setAttribute(DashboardPrincipal.class, null);
            WrappedSession wrapped = entry.session().getSession();
            if (wrapped != null) {
                wrapped.invalidate();
            }
        });
        return true;
    }
}
