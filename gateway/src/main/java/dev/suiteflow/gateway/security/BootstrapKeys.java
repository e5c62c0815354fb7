package dev.suiteflow.gateway.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.suiteflow.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Creates the API keys named in {@code suiteflow.gateway.bootstrap-keys} at start-up. */
@ApplicationScoped
public class BootstrapKeys {

    private final GatewayConfig config;
    private final Pool pool;

    public BootstrapKeys(GatewayConfig config, Pool pool) {
        this.config = config;
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> entries = config.bootstrapKeys().orElse(List.of());
        int created = 0;
        for (String entry : entries) {
            String[] parts = entry.trim().split(":");
            if (parts.length < 3 || parts.length > 4 || parts[0].isBlank()) {
                throw new IllegalArgumentException("suiteflow.gateway.bootstrap-keys: '" + entry.replaceAll("^[^:]*",
                        "<key>") + "' must be key:tenant:role[:name]");
            }
            Role role = Role.parse(parts[2]);
            String name = parts.length == 4 ? parts[3] : parts[1] + "-" + role.id();
            created += pool.preparedQuery("INSERT INTO api_key (key_hash, name, tenant, role) VALUES ($1, $2, $3, $4)"
                    + " ON CONFLICT (key_hash) DO UPDATE SET name = $2, tenant = $3, role = $4, revoked_at = NULL")
                    .execute(Tuple.of(ApiKeys.hash(parts[0]), name, parts[1], role.id()))
                    .await().indefinitely().rowCount();
        }
        if (created > 0) {
            Log.infof("Bootstrap API keys in place: %d", created);
        }
    }
}
