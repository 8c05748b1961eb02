package io.inflow.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class UpstreamMetricsTest {

    @Test
    void aCallWithoutAnAnswerCountsAsATimeoutOrAnIoError() {
        assertThat(UpstreamMetrics.code(new HttpTimeoutException("request timed out"))).isEqualTo("timeout");
        assertThat(UpstreamMetrics.code(new HttpConnectTimeoutException("connect timed out"))).isEqualTo("timeout");
        assertThat(UpstreamMetrics.code(new ConnectException("refused"))).isEqualTo("io_error");
        assertThat(UpstreamMetrics.code(new IOException("reset"))).isEqualTo("io_error");
    }
}
