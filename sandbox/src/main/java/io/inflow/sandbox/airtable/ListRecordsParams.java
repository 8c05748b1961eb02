package io.inflow.sandbox.airtable;

import java.util.List;

/**
 * The list-records parameters as sent, from the query string or the JSON body, before they are
 * checked against the table. Absent values are null; absent lists are empty except {@code fields},
 * where null means every field.
 */
record ListRecordsParams(
        Integer pageSize,
        Integer maxRecords,
        String offset,
        List<String> fields,
        String filterByFormula,
        List<SortParam> sort,
        String view,
        String cellFormat,
        String timeZone,
        String userLocale,
        boolean returnFieldsByFieldId,
        List<String> recordMetadata) {}
