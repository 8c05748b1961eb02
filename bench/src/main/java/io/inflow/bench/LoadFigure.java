package io.inflow.bench;

/** One way of loading the rows: how many rows per transaction, and how long they took. */
record LoadFigure(String method, int batch, long rows, double seconds) {

    double rowsPerSecond() {
        return rows / seconds;
    }
}
