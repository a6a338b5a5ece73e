package io.loonflow.bpmn.ticket.expression;

import java.util.Collections;
import java.util.List;

/** A Python tuple: like a list, but a distinct type ({@code [1] == (1,)} is False, as in Python). */
final class PyTuple {

    final List<Object> items;

    PyTuple(List<Object> items) {
        this.items = Collections.unmodifiableList(items);
    }
}
