package dev.suiteflow.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Turns an API key into the caller's identity: its name, its tenant and the roles its role grants. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    /** The identity attribute that holds the caller's tenant. */
    public static final String TENANT = "tenant";

    private final Pool pool;

    public ApiKeyIdentityProvider(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        String key = request.key();
        if (key.isEmpty() || key.length() > ApiKeys.MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid API key"));
        }
        return pool.preparedQuery("SELECT name, tenant, role FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(ApiKeys.hash(key)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new AuthenticationFailedException("unknown or revoked API key");
                    }
                    Row row = rows.iterator().next();
                    Role role = Role.parse(row.getString("role"));
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(row.getString("name")))
                            .addRoles(role.granted())
                            .addAttribute(TENANT, row.getString("tenant"))
                            .build();
                });
    }
}
