package dev.suiteflow.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service's quarkus-run.jar in {@link ServicesTest}: answers {@code /q/health/ready} on
 * {@code -Dfake.port}. {@code -Dfake.mode=unready} answers 503; {@code -Dfake.mode=exit} gives up at once.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.getInteger("fake.port");
        String mode = System.getProperty("fake.mode", "ready");
        System.out.println("fake service starting on port " + port + " in mode " + mode);
        if (mode.equals("exit")) {
            System.out.println("fake service giving up: no database");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/q/health/ready", exchange -> {
            int status = mode.equals("ready") ? 200 : 503;
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake service stopping")));
    }
}
