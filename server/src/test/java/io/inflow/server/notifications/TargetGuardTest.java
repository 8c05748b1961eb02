package io.inflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.server.errors.InflowException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What webhooks may target: the SSRF guard, with a resolver the test controls. */
class TargetGuardTest {

    private final TargetGuard guard = new TargetGuard(false, TargetGuardTest::resolve);

    /** A fake DNS: names map to the addresses a test needs, IP literals to themselves. */
    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "hooks.example.com" -> List.of(InetAddress.getByName("93.184.215.14"));
            case "rebound.example.com" -> List.of(InetAddress.getByName("93.184.215.14"),
                    InetAddress.getByName("10.0.0.7"));
            case "nowhere.example.com" -> throw new UnknownHostException(host);
            default -> List.of(InetAddress.getByName(host));
        };
    }

    @Test
    void aPublicHttpsOrHttpUrlIsAllowed() {
        assertThat(guard.check("https://hooks.example.com/inflow").toString())
                .isEqualTo("https://hooks.example.com/inflow");
        assertThat(guard.check("http://hooks.example.com:8080/x")).hasPort(8080);
    }

    @Test
    void loopbackPrivateLinkLocalAndOtherInnerAddressesAreRefused() {
        for (String url : List.of("http://127.0.0.1/", "http://localhost/", "http://[::1]/", "http://10.1.2.3/",
                "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
                "http://0.0.0.0/", "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/",
                "http://[fe80::1]/", "http://rebound.example.com/")) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOfSatisfying(InflowException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo("target_not_allowed");
                        assertThat(e.getMessage()).contains("notifications.allowPrivateTargets");
                    });
        }
    }

    @Test
    void onlyHttpAndHttpsWithAHostAreUrls() {
        for (String url : List.of("ftp://hooks.example.com/", "file:///etc/passwd", "gopher://x/", "hooks.example.com",
                "http:///nohost", "https://exa mple.com/")) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOfSatisfying(InflowException.class,
                    e -> assertThat(e.code()).isEqualTo("invalid_url"));
        }
        assertThatThrownBy(() -> guard.check("https://nowhere.example.com/"))
                .isInstanceOfSatisfying(InflowException.class, e -> assertThat(e.code()).isEqualTo("unresolvable_host"));
    }

    @Test
    void allowingPrivateTargetsAllowsThemAll() throws UnknownHostException {
        TargetGuard open = new TargetGuard(true, TargetGuardTest::resolve);

        assertThat(open.check("http://127.0.0.1:9000/hook")).hasHost("127.0.0.1");
        assertThat(open.refusal(InetAddress.getByName("10.0.0.1"))).isEmpty();
    }

    @Test
    void theAddressAConnectionWouldUseIsJudgedAsItself() throws UnknownHostException {
        assertThat(guard.refusal(InetAddress.getByName("127.0.0.2"))).hasValueSatisfying(
                reason -> assertThat(reason).contains("loopback"));
        assertThat(guard.refusal(InetAddress.getByName("93.184.215.14"))).isEmpty();
        assertThat(guard.refusal(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))).isEmpty();
    }
}
