package io.inflow.sandbox.airtable;

import io.inflow.sandbox.faults.RequestFaults;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import java.util.OptionalInt;

/**
 * {@code GET /v0/{baseId}/{table}} and {@code POST .../listRecords}. The first request of a scan
 * freezes which records match and their order; later pages show the records' current values in
 * that frozen order (Airtable's snapshot semantics). The request's faults may expire its iterator,
 * cut the page short or corrupt some of its records.
 */
final class ListRecordsHandler {

    private final AirtableGate gate;
    private final IteratorStore iterators;

    ListRecordsHandler(AirtableGate gate, IteratorStore iterators) {
        this.gate = gate;
        this.iterators = iterators;
    }

    Response fromQuery(Request request) {
        AirtableTable table = enter(request);
        return list(table, ListRecordsParamsReader.fromQuery(request.query()), request.faults());
    }

    /** The long-URL variant: parameters in the JSON body, none in the query string. */
    Response fromBody(Request request) {
        AirtableTable table = enter(request);
        if (!request.query().isEmpty()) {
            throw AirtableError.invalidRequest();
        }
        return list(table, ListRecordsParamsReader.fromBody(request.body()), request.faults());
    }

    private AirtableTable enter(Request request) {
        String baseId = request.pathParam("baseId");
        String tableName = request.pathParam("table");
        return gate.enterBase(request, baseId).table(tableName)
                .orElseThrow(() -> AirtableError.tableNotFound(tableName, baseId));
    }

    private Response list(AirtableTable table, ListRecordsParams params, RequestFaults faults) {
        ListRecordsPlan plan = ListRecordsPlan.resolve(params, table);
        RecordWriter writer = RecordWriter.forPlan(table, plan);
        return table.read(() -> {
            Page page = plan.offset() == null ? firstPage(table, plan) : laterPage(plan, faults);
            int end = Math.min(page.start() + plan.pageSize(), page.records().length);
            String offset = null;
            if (end < page.records().length) {
                ScanIterator iterator = page.iterator() != null ? page.iterator() : iterators.create(plan.scanKey(), page.records());
                offset = iterator.offsetAt(end, table).toString();
            }
            if (faults.truncatesPage()) {
                return Response.json(200, faults.truncate(writer.page(page.records(), page.start(), end, offset, () -> false)));
            }
            return Response.json(200, writer.page(page.records(), page.start(), end, offset, faults::corruptsRecord));
        });
    }

    private record Page(int[] records, int start, ScanIterator iterator) {}

    private static Page firstPage(AirtableTable table, ListRecordsPlan plan) {
        return new Page(RecordSelection.select(table, plan.filter(), plan.sort(), plan.limit()), 0, null);
    }

    private Page laterPage(ListRecordsPlan plan, RequestFaults faults) {
        OffsetToken token = OffsetToken.parse(plan.offset()).orElseThrow(AirtableError::invalidOffset);
        if (faults.expiresIterator()) {
            iterators.forget(token.iteratorId());
            throw AirtableError.iteratorNotAvailable();
        }
        ScanIterator iterator = iterators.find(token.iteratorId()).orElseThrow(AirtableError::iteratorNotAvailable);
        if (!iterator.scanKey().equals(plan.scanKey())) {
            throw AirtableError.invalidRequest();
        }
        OptionalInt position = iterator.positionOf(token.recordId());
        if (position.isEmpty()) {
            throw AirtableError.invalidOffset();
        }
        return new Page(iterator.records(), position.getAsInt(), iterator);
    }
}
