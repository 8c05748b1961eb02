package io.inflow.sandbox.airtable;

import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.QueryParams;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The metadata API: {@code GET /v0/meta/bases} and {@code GET /v0/meta/bases/{baseId}/tables}. */
final class SchemaHandlers {

    private final AirtableGate gate;
    private final List<AirtableBase> bases;

    SchemaHandlers(AirtableGate gate, List<AirtableBase> bases) {
        this.gate = gate;
        this.bases = List.copyOf(bases);
    }

    /** One page holds every base the token sees, so no offset is ever valid. */
    Response listBases(Request request) {
        gate.enter(request);
        QueryParams query = request.query();
        if (!query.isEmpty()) {
            throw query.names().equals(Set.of("offset")) ? AirtableError.invalidOffset() : AirtableError.invalidRequest();
        }
        List<Object> entries = new ArrayList<>();
        for (AirtableBase base : bases) {
            entries.add(Json.fields("id", base.id(), "name", base.name(), "permissionLevel", base.permissionLevel()));
        }
        return Response.json(200, Json.fields("bases", entries));
    }

    Response baseSchema(Request request) {
        AirtableBase found = gate.enterBase(request, request.pathParam("baseId"));
        boolean visibleFieldIds = false;
        for (QueryParams.Param param : request.query().params()) {
            boolean include = param.name().equals("include[]") || param.name().matches("include\\[\\d+]");
            if (!include || !param.value().equals("visibleFieldIds")) {
                throw AirtableError.invalidRequest();
            }
            visibleFieldIds = true;
        }
        List<Object> tables = new ArrayList<>();
        for (AirtableTable table : found.tables()) {
            tables.add(describe(table.schema(), visibleFieldIds));
        }
        return Response.json(200, Json.fields("tables", tables));
    }

    private static Map<String, Object> describe(TableSchema table, boolean visibleFieldIds) {
        List<Object> views = new ArrayList<>();
        for (ViewSchema view : table.views()) {
            Map<String, Object> described = Json.fields("id", view.id(), "name", view.name(), "type", view.type());
            if (visibleFieldIds) {
                described.put("visibleFieldIds", table.fields().stream().map(FieldSchema::id).toList());
            }
            views.add(described);
        }
        return Json.fields(
                "id", table.id(),
                "name", table.name(),
                "description", table.description(),
                "primaryFieldId", table.primaryFieldId(),
                "fields", table.fields(),
                "views", views);
    }
}
