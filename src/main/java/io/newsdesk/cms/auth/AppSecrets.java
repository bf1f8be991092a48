package io.newsdesk.cms.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The keys that sign preview tokens and cursors ({@link SigningKeys}), derived from one master: CMS_SECRET, or else a random
 * master generated on first start and kept in the database so every instance on it agrees. After a rotation, what
 * CMS_SECRET_PREVIOUS's keys signed is still accepted for one preview lifetime from the new key's first use on this database,
 * so previews handed out just before the rotation keep working and nothing older does.
 */
@ApplicationScoped
public class AppSecrets {

    public static final int MIN_SECRET_BYTES = 32;
    private static final String MASTER = "master";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    CmsConfig config;

    private volatile SigningKeys keys;

    /** A secret too short is refused here, so the service does not start with it. */
    void onStart(@Observes StartupEvent event) {
        keys();
    }

    public String sign(SigningKeys.Purpose purpose, byte[] payload, byte[] context) {
        return keys().sign(purpose, payload, context);
    }

    /** The payload of a token one of our keys signed for this purpose and context, as of the service clock's now. */
    public Optional<byte[]> verify(SigningKeys.Purpose purpose, String token, byte[] context) {
        return keys().open(purpose, token, context)
                .filter(opened -> !opened.byPreviousKey() || previousKeyAcceptedAt(clock.instant()))
                .map(SigningKeys.Opened::payload);
    }

    private SigningKeys keys() {
        SigningKeys loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = load();
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    private SigningKeys load() {
        Optional<byte[]> configured = config.secret().map(secret -> bytesOf("CMS_SECRET", secret));
        Optional<byte[]> previous = config.secretPrevious().map(secret -> bytesOf("CMS_SECRET_PREVIOUS", secret));
        return QuarkusTransaction.joiningExisting().call(() -> {
            SigningKeys loaded = new SigningKeys(configured.orElseGet(this::storedMaster), previous);
            em.createNativeQuery("insert into signing_key (id, first_used_at) values (:id, :now) on conflict (id) do nothing")
                    .setParameter("id", loaded.keyId())
                    .setParameter("now", clock.instant())
                    .executeUpdate();
            return loaded;
        });
    }

    static byte[] bytesOf(String setting, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(setting + " must be at least " + MIN_SECRET_BYTES + " bytes long (it has " + bytes.length
                    + "); generate one with: openssl rand -base64 48");
        }
        return bytes;
    }

    /** The generated master: the first instance to start on an empty database makes it, every other one reads it. */
    private byte[] storedMaster() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        em.createNativeQuery("insert into app_secret (name, value, created_at) values (:name, :value, :now) on conflict (name) do nothing")
                .setParameter("name", MASTER)
                .setParameter("value", fresh)
                .setParameter("now", clock.instant())
                .executeUpdate();
        List<?> rows = em.createNativeQuery("select value from app_secret where name = :name")
                .setParameter("name", MASTER)
                .getResultList();
        return (byte[]) rows.get(0);
    }

    /** Whether the current key was first used less than one preview lifetime ago, so the previous one still verifies. */
    private boolean previousKeyAcceptedAt(Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> ((Number) em
                .createNativeQuery("select count(*) from signing_key where id = :id and first_used_at > :since")
                .setParameter("id", keys().keyId())
                .setParameter("since", now.minus(config.preview().ttl()))
                .getSingleResult()).longValue() > 0);
    }
}
