package io.inflow.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;

/** The DAOs and the record sink over one {@link Jdbi}, configured the way Inflow's schema needs. */
public record Store(Jdbi jdbi, ConnectionDao connections, ImportRunDao runs, CheckpointDao checkpoints,
                    RecordCountDao recordCounts, SchedulerStateDao schedulerState, DeadLetterDao deadLetters,
                    QuotaDao quotas, RecordSink sink, ConnectionStates states) {

    public static Store over(Jdbi jdbi, ObjectMapper json) {
        LowercaseEnums.install(jdbi);
        return new Store(jdbi,
                jdbi.onDemand(ConnectionDao.class),
                jdbi.onDemand(ImportRunDao.class),
                jdbi.onDemand(CheckpointDao.class),
                jdbi.onDemand(RecordCountDao.class),
                jdbi.onDemand(SchedulerStateDao.class),
                jdbi.onDemand(DeadLetterDao.class),
                jdbi.onDemand(QuotaDao.class),
                new RecordSink(jdbi, json),
                new ConnectionStates(jdbi));
    }
}
