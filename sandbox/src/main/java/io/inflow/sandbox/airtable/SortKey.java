package io.inflow.sandbox.airtable;

/** A checked sort entry: the column to order by and which way. */
record SortKey(Column column, boolean descending) {}
