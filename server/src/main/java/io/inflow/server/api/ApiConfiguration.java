package io.inflow.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;

/** {@code api}: limits of the REST API. */
public class ApiConfiguration {

    /** A request body larger than this is refused with 413 before it is read. */
    @NotNull
    @MinDataSize(1024)
    @MaxDataSize(1024L * 1024 * 1024)
    @JsonProperty
    private DataSize maxRequestBodySize = DataSize.mebibytes(1);

    public DataSize maxRequestBodySize() {
        return maxRequestBodySize;
    }
}
