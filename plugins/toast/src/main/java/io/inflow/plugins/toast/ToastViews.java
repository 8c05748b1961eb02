package io.inflow.plugins.toast;

import io.inflow.api.stats.StatQuery;
import java.util.List;

/**
 * The typed views the plugin's changelog creates over {@code records} ({@code toast_orders}, {@code toast_checks},
 * {@code toast_payments}, which leave out the orders deleted in Toast, and their {@code _all} twins, which keep them
 * with {@code deleted_at} and {@code deleted_by_run}), and the figures computed over them. A sale is an order that
 * was neither voided nor deleted; revenue is its net sales: check amounts after discounts, before tax and tips, of
 * checks not voided.
 */
final class ToastViews {

    static final String CHANGELOG = "inflow/toast/changelog.xml";

    static final List<StatQuery> STATS = List.of(
            new StatQuery("daily_sales", "Sales per business date: orders, revenue (net sales) and average ticket",
                    """
                    SELECT business_date, count(*) AS orders, sum(amount) AS revenue,
                           round(sum(amount) / count(*), 2) AS average_ticket
                    FROM toast_orders
                    WHERE connection_id = :connection AND NOT voided AND NOT deleted
                    GROUP BY business_date
                    ORDER BY business_date
                    """),
            new StatQuery("totals", "All sales: orders, revenue (net sales) and average ticket",
                    """
                    SELECT count(*) AS orders, coalesce(sum(amount), 0) AS revenue,
                           coalesce(round(sum(amount) / nullif(count(*), 0), 2), 0) AS average_ticket
                    FROM toast_orders
                    WHERE connection_id = :connection AND NOT voided AND NOT deleted
                    """));

    private ToastViews() {}
}
