package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/** The search box above the views' tables: one look and one behaviour (filter as the user pauses typing). */
final class SearchFields {

    private SearchFields() {
    }

    /** Sets up {@code field} with an id, a placeholder and the filter to re-apply when its text changes. */
    static TextField configure(TextField field, String id, String placeholder, Runnable applyFilter) {
        field.setId(id);
        field.setPlaceholder(placeholder);
        field.setPrefixComponent(VaadinIcon.SEARCH.create());
        field.setClearButtonVisible(true);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.addValueChangeListener(e -> applyFilter.run());
        return field;
    }
}
