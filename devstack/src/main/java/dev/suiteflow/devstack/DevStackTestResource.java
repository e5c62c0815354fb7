package dev.suiteflow.devstack;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real PostgreSQL and Kafka for {@code @QuarkusTest}s: {@code @QuarkusTestResource(DevStackTestResource.class)}
 * (or {@code @WithTestResource}). Starts what is missing once per JVM; the services' own configuration already
 * points at 127.0.0.1, so it returns no properties. A broker started here stops when the JVM exits.
 */
public class DevStackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevStack.ensureInfrastructure();
        return Map.of();
    }

    @Override
    public void stop() {
        // Nothing: other test classes of this JVM still use the infrastructure; a broker this JVM started is
        // stopped by its shutdown hook.
    }
}
