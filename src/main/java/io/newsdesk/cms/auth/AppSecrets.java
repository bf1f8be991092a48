package io.newsdesk.cms.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Keys the service needs (to sign preview tokens and cursors). Configured through CMS_SECRET, or
 * generated on first use and kept in the database so every instance on it agrees.
 */
@ApplicationScoped
public class AppSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Inject
    CmsConfig config;

    /** A 32-byte key for this purpose, the same on every instance. */
    public byte[] key(String purpose) {
        return cache.computeIfAbsent(purpose, this::load).clone();
    }

    private byte[] load(String purpose) {
        if (config.secret().isPresent()) {
            return sha256(config.secret().get() + "/" + purpose);
        }
        return QuarkusTransaction.joiningExisting().call(() -> loadOrCreate(purpose));
    }

    private byte[] loadOrCreate(String purpose) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        em.createNativeQuery("insert into app_secret (name, value, created_at) values (:name, :value, :now) on conflict (name) do nothing")
                .setParameter("name", purpose)
                .setParameter("value", fresh)
                .setParameter("now", Instant.now())
                .executeUpdate();
        List<?> rows = em.createNativeQuery("select value from app_secret where name = :name")
                .setParameter("name", purpose)
                .getResultList();
        return (byte[]) rows.get(0);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
