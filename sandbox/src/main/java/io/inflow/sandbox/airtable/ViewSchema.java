package io.inflow.sandbox.airtable;

/** A view of a table. The fake's only view shows every record in creation order, like a fresh grid view. */
public record ViewSchema(String id, String name, String type) {}
