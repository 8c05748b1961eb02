package io.inflow.server.resilience;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that reads each request and then, as told, closes the connection without a byte of answer (as a load
 * balancer that drops a connection does) or keeps it open and says nothing. It counts the requests that arrived.
 */
final class SilentUpstream implements AutoCloseable {

    enum Behaviour { CLOSE, HANG }

    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    SilentUpstream(Behaviour behaviour) throws IOException {
        socket = new ServerSocket(0);
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread server = new Thread(() -> serve(connection, behaviour), "silent-upstream-connection");
                    server.setDaemon(true);
                    server.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(Socket connection, Behaviour behaviour) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null) {
                    return;
                }
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    // the headers of a GET without a body: nothing to keep
                }
                requests.incrementAndGet();
                if (behaviour == Behaviour.CLOSE) {
                    return;
                }
            }
        } catch (IOException gone) {
            // the client gave up
        }
    }

    String url() {
        return "http://localhost:" + socket.getLocalPort() + "/records";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
