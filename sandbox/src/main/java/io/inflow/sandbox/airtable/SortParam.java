package io.inflow.sandbox.airtable;

/** One {@code sort} entry as sent; {@code direction} is null when the caller left it out. */
record SortParam(String field, String direction) {}
