package io.inflow.sandbox.airtable;

import io.inflow.sandbox.airtable.formula.Formula;
import io.inflow.sandbox.airtable.formula.InvalidFormulaException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List-records parameters checked against a table: what to select, in which order, and how to
 * write it. {@code fields} is null for every field; {@code filter} null for no formula.
 */
record ListRecordsPlan(
        int pageSize,
        int limit,
        List<Column> fields,
        Formula filter,
        List<SortKey> sort,
        CellFormat cellFormat,
        boolean byFieldId,
        boolean commentCount,
        String offset,
        String scanKey) {

    private static final Logger LOG = LoggerFactory.getLogger(ListRecordsPlan.class);
    static final int MAX_PAGE_SIZE = 100;

    static ListRecordsPlan resolve(ListRecordsParams params, AirtableTable table) {
        int pageSize = params.pageSize() == null ? MAX_PAGE_SIZE : params.pageSize();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw AirtableError.invalidRequest();
        }
        if (params.maxRecords() != null && params.maxRecords() < 1) {
            throw AirtableError.invalidRequest();
        }
        int limit = params.maxRecords() == null ? Integer.MAX_VALUE : params.maxRecords();
        CellFormat cellFormat = cellFormat(params);
        boolean commentCount = commentCount(params.recordMetadata());
        if (params.view() != null && table.schema().view(params.view()).isEmpty()) {
            throw AirtableError.viewNotFound(params.view());
        }
        List<Column> fields = null;
        if (params.fields() != null) {
            fields = new ArrayList<>();
            for (String name : params.fields()) {
                fields.add(table.column(name).orElseThrow(() -> AirtableError.unknownField(name)));
            }
        }
        List<SortKey> sort = new ArrayList<>();
        for (SortParam entry : params.sort()) {
            Column column = table.column(entry.field()).orElseThrow(() -> AirtableError.unknownField(entry.field()));
            sort.add(new SortKey(column, descending(entry.direction())));
        }
        Formula filter = formula(params.filterByFormula(), table);
        String scanKey = String.join("\u0000", table.id(), String.valueOf(params.filterByFormula()),
                String.valueOf(params.sort()), String.valueOf(params.view()), String.valueOf(params.maxRecords()));
        return new ListRecordsPlan(pageSize, limit, fields, filter, List.copyOf(sort), cellFormat,
                params.returnFieldsByFieldId(), commentCount, params.offset(), scanKey);
    }

    /** {@code cellFormat=string} needs both a time zone and a locale; Airtable refuses it otherwise. */
    private static CellFormat cellFormat(ListRecordsParams params) {
        ZoneId zone = params.timeZone() == null ? null : zone(params.timeZone());
        if (params.userLocale() != null && !params.userLocale().matches("(?i)[a-z]{2,3}(-[a-z0-9]{2,8})*")) {
            throw AirtableError.invalidRequest();
        }
        String format = params.cellFormat() == null ? "json" : params.cellFormat();
        switch (format) {
            case "json":
                return CellFormat.JSON;
            case "string":
                if (zone == null || params.userLocale() == null) {
                    throw AirtableError.invalidRequest();
                }
                return new CellFormat(true, zone);
            default:
                throw AirtableError.invalidRequest();
        }
    }

    private static ZoneId zone(String name) {
        if (name.equalsIgnoreCase("utc")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw AirtableError.invalidRequest();
        }
    }

    private static boolean commentCount(List<String> metadata) {
        for (String entry : metadata) {
            if (!entry.equals("commentCount")) {
                throw AirtableError.invalidRequest();
            }
        }
        return !metadata.isEmpty();
    }

    private static boolean descending(String direction) {
        if (direction == null || direction.equals("asc")) {
            return false;
        }
        if (direction.equals("desc")) {
            return true;
        }
        throw AirtableError.invalidRequest();
    }

    private static Formula formula(String text, AirtableTable table) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Formula.compile(text, table);
        } catch (InvalidFormulaException e) {
            LOG.debug("refused filterByFormula {}: {}", text, e.detail());
            throw AirtableError.invalidFormula(e.getMessage());
        }
    }
}
