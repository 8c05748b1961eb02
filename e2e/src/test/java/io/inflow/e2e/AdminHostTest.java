package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code INFLOW_ADMIN_HOST=127.0.0.1} keeps the admin port on the machine: it answers on loopback and not on the
 * machine's other addresses, where the API still answers.
 */
class AdminHostTest {

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anAdminHostOfLoopbackKeepsTheAdminPortOffTheOtherAddresses() throws Exception {
        Optional<InetAddress> other = otherAddress();
        assumeTrue(other.isPresent(), "this machine has no address but loopback");
        String host = other.get().getHostAddress();
        try (NodeProcess node = NodeProcess.startEmbedded(root.resolve("data"), Map.of("INFLOW_ADMIN_HOST", "127.0.0.1"))) {
            assertThat(status(node.admin("/ping"))).isEqualTo(200);
            assertThat(status("http://127.0.0.1:" + node.adminPort() + "/ping")).isEqualTo(200);
            assertThat(status("http://" + host + ":" + node.port() + "/api/v1/health")).as("the API on " + host)
                    .isEqualTo(401);
            assertThatThrownBy(() -> status("http://" + host + ":" + node.adminPort() + "/ping"))
                    .as("the admin port on " + host).isInstanceOf(IOException.class);
        }
    }

    private int status(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** An IPv4 address of this machine's that is not loopback. */
    private static Optional<InetAddress> otherAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst();
    }
}
