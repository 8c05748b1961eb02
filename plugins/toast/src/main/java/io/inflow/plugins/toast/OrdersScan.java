package io.inflow.plugins.toast;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.ReadContext;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the orders modified since the checkpoint, window by window and page by page, committing each page with
 * the position after it.
 *
 * <p>Toast selects orders by modification time ({@code startDate} inclusive, {@code endDate} exclusive), so
 * consecutive windows {@code [a, b)} and {@code [b, c)} neither lose nor repeat an order modified at {@code b}.
 * Windows are about modification time, not business dates: an order of Friday's business date closed at 01:30
 * on Saturday, or whose tip was entered on Monday, is read in the window of its last modification.
 *
 * <p>A page is located by its number, so a resumed scan asks for exactly the next page of the same window. Pages
 * are cut from live data: an order modified while its window is being read leaves the window (its new time is
 * later than the window's end) and the orders after it move up a place. The order itself is read again by the
 * next scan; one that moved up across a page already read is read again only if it falls within the next
 * scan's {@link ScanPosition#OVERLAP}. This is the residual risk of Toast's page-number paging.
 *
 * <p>An order Toast marks {@code deleted} goes into its page's {@link Batch#deleted()}, not its records: deleting
 * an order is a modification, so the scan whose window holds its {@code modifiedDate} meets it.
 */
final class OrdersScan {

    private final ToastApi api;
    private final ReadContext context;
    private final OrderMapper mapper = new OrderMapper();

    OrdersScan(ToastApi api, ReadContext context) {
        this.api = api;
        this.context = context;
    }

    void run(ScanPosition start) throws IOException, InterruptedException {
        ScanPosition position = start.begin(context.clock().instant().truncatedTo(ChronoUnit.MILLIS));
        log(start, position);
        if (!position.hasWindow()) {
            context.commit(new Batch(List.of(), position.completed().toCheckpoint()));
            return;
        }
        while (!context.isCancelled()) {
            ToastApi.Page page = api.ordersBulk(position.modifiedSince(), position.windowEnd(), position.page(),
                    ToastApi.MAX_PAGE_SIZE);
            List<Record> records = new ArrayList<>(page.orders().size());
            List<RejectedRecord> rejected = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (JsonNode order : page.orders()) {
                OrderMapper.Mapped mapped = mapper.map(order);
                if (mapped instanceof OrderMapper.Ok ok) {
                    records.add(ok.record());
                } else if (mapped instanceof OrderMapper.Deleted gone) {
                    deleted.add(gone.guid());
                } else {
                    rejected.add(((OrderMapper.Bad) mapped).rejected());
                }
            }
            position = page.nextPage().isPresent() ? position.atPage(page.nextPage().getAsInt()) : position.afterWindow();
            context.commit(new Batch(records, rejected, deleted, position.toCheckpoint()));
            if (position.isCompleted()) {
                return;
            }
        }
    }

    private void log(ScanPosition start, ScanPosition position) {
        String from = start.begun() ? "resuming at page " + position.page() + " of the window from "
                + position.modifiedSince() : "orders modified from " + position.modifiedSince();
        context.log().log(System.Logger.Level.INFO, "reading Toast {0} to {1}, in windows of at most {2} days",
                from, position.until(), ScanPosition.MAX_WINDOW.toDays());
    }
}
