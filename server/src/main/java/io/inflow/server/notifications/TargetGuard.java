package io.inflow.server.notifications;

import io.inflow.server.errors.InflowException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a webhook may target: an {@code http} or {@code https} URL whose host resolves only to public addresses,
 * unless {@code notifications.allowPrivateTargets} is on. Private, loopback, link-local (cloud metadata services
 * live there), unspecified, carrier-grade NAT, unique-local and multicast addresses are refused: a webhook must not
 * let an API caller reach into the network the server stands in. The check runs when a subscription is saved and
 * again on every connection a delivery opens ({@link #refusal}), so a name that resolves elsewhere later is caught.
 */
public final class TargetGuard {

    /** Resolves a host name to its addresses. */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public TargetGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** With the system's resolver. */
    public static TargetGuard of(boolean allowPrivate) {
        return new TargetGuard(allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
    }

    /**
     * A subscription's URL, checked.
     *
     * @throws InflowException INVALID {@code invalid_url} (not an absolute http(s) URL with a host),
     *                         {@code unresolvable_host}, or {@code target_not_allowed} (a private address)
     */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid("invalid_url", "url is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("invalid_url", "url must be an http or https URL, was '" + url + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("invalid_url", "url has no host: '" + url + "'");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw invalid("unresolvable_host", "the host of url, " + uri.getHost() + ", does not resolve");
        }
        for (InetAddress address : addresses) {
            refusal(address).ifPresent(reason -> {
                throw invalid("target_not_allowed", "url's host " + uri.getHost() + " resolves to " + reason
                        + "; webhooks may target only public addresses unless notifications.allowPrivateTargets "
                        + "is on");
            });
        }
        return uri;
    }

    /** Why a connection to this address is refused, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        return kind(address).map(kind -> kind + " address " + address.getHostAddress());
    }

    static Optional<String> kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("the loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240) {
                return Optional.of("a reserved");
            }
        } else if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique-local");
            }
            if (isMappedOrCompatible(bytes)) {
                try {
                    return kind(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return Optional.of("an unreadable");
                }
            }
        }
        return Optional.empty();
    }

    /** {@code ::ffff:a.b.c.d} and {@code ::a.b.c.d}: an IPv4 address in IPv6 clothes, judged as itself. */
    private static boolean isMappedOrCompatible(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
    }

    private static InflowException invalid(String code, String message) {
        return InflowException.invalid(code, message, Map.of("field", "url"));
    }
}
