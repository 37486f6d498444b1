package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a view's numbers current by server push: while the view is attached, its data is loaded on the refresher
 * thread (never under the UI lock, so one slow store read does not freeze the session) and applied inside
 * {@code ui.access}. Stops when the view is detached (navigation, closed tab, expired session).
 */
final class LiveRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRefresh.class);

    private LiveRefresh() {
    }

    /**
     * Refreshes {@code owner} every {@code interval} while it is attached.
     *
     * @param load  reads the data; runs on the refresher thread
     * @param apply shows the data; runs with the UI lock held
     */
    static <T> void install(Component owner, ScheduledExecutorService refresher, Duration interval, Supplier<T> load,
            Consumer<T> apply) {
        owner.addAttachListener(attach -> {
            UI ui = attach.getUI();
            ScheduledFuture<?> future = refresher.scheduleWithFixedDelay(() -> {
                try {
                    T data = load.get();
                    ui.access(() -> apply.accept(data));
                } catch (UIDetachedException e) {
                    LOG.debug("view detached during refresh", e);
                } catch (RuntimeException e) {
                    LOG.warn("dashboard refresh of {} failed: {}", owner.getClass().getSimpleName(), e.toString());
                }
            }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            owner.addDetachListener(detach -> {
                future.cancel(false);
                detach.unregisterListener();
            });
        });
    }
}
