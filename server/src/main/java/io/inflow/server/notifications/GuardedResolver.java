package io.inflow.server.notifications;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves a webhook's host for the connection Jetty's client is about to open, and refuses it when an address is
 * not allowed: the address checked is the address connected to, whatever the name resolved to when the
 * subscription was saved (DNS rebinding).
 */
final class GuardedResolver implements SocketAddressResolver {

    private final TargetGuard guard;
    private final TargetGuard.Resolver resolver;

    GuardedResolver(TargetGuard guard, TargetGuard.Resolver resolver) {
        this.guard = guard;
        this.resolver = resolver;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        try {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (InetAddress address : resolver.resolve(host)) {
                Optional<String> refusal = guard.refusal(address);
                if (refusal.isPresent()) {
                    promise.failed(new TargetRefusedException(host + " resolves to " + refusal.get()
                            + " (notifications.allowPrivateTargets is off)"));
                    return;
                }
                addresses.add(new InetSocketAddress(address, port));
            }
            promise.succeeded(addresses);
        } catch (UnknownHostException e) {
            promise.failed(e);
        }
    }
}
