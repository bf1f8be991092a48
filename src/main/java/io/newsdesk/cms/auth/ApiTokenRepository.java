package io.newsdesk.cms.auth;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepository<ApiToken> {

    public Optional<ApiToken> findByHash(byte[] hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    /** Records use at most once a minute, so reading with a token is not a write per request. */
    public void touch(long id, Instant now) {
        update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)", now, id, now.minusSeconds(60));
    }

    /** Whether some admin token is neither revoked nor expired. */
    public boolean hasUsableAdmin(Instant now) {
        return count("role = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)", Role.ADMIN.value(), now) > 0;
    }

    /** Serializes bootstrap between instances starting at once on an empty database. */
    public void lockForBootstrap() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(4242001)").getSingleResult();
    }
}
