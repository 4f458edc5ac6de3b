package org.shangdang.api.admin;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param total items in the whole list
 * @param page this page's number, from 1
 * @param size the page size asked for
 * @param items this page's items
 */
public record PageView<T>(long total, int page, int size, List<T> items) {

    public PageView {
        items = List.copyOf(items);
    }
}
