package io.inflow.bench;

/** One row of {@code records} as exported: every column a load writes. */
record Row(long connectionId, String stream, String externalId, String payload, String contentHash,
           String sourceUpdatedAt, long insertedByRun, long updatedByRun) {}
