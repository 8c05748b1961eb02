package io.inflow.sandbox.airtable;

import io.inflow.sandbox.http.QueryParams;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;

/**
 * {@code GET /v0/{baseId}/{table}/{recordId}}: one record, with every non-empty field; a
 * malformedRecord fault may corrupt it. A deleted record is a 404, as an unknown one.
 */
final class GetRecordHandler {

    private final AirtableGate gate;

    GetRecordHandler(AirtableGate gate) {
        this.gate = gate;
    }

    Response handle(Request request) {
        String baseId = request.pathParam("baseId");
        String tableName = request.pathParam("table");
        AirtableTable table = gate.enterBase(request, baseId).table(tableName)
                .orElseThrow(() -> AirtableError.tableNotFound(tableName, baseId));
        boolean byFieldId = false;
        for (QueryParams.Param param : request.query().params()) {
            if (!param.name().equals("returnFieldsByFieldId") || !param.value().matches("true|false|1|0")) {
                throw AirtableError.invalidRequest();
            }
            byFieldId = param.value().equals("true") || param.value().equals("1");
        }
        String recordId = request.pathParam("recordId");
        int record = table.indexOf(recordId).orElseThrow(() -> AirtableError.recordNotFound(recordId));
        RecordWriter writer = new RecordWriter(table, null, CellFormat.JSON, byFieldId, false);
        return table.read(() -> {
            if (table.deleted(record)) {
                throw AirtableError.recordNotFound(recordId);
            }
            return Response.json(200, writer.single(record, request.faults().corruptsRecord()));
        });
    }
}
