package io.newsdesk.cms.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.web.InputValidator;
import io.quarkus.panache.common.Sort;
import org.jboss.logging.Logger;

/** Issues, checks and revokes API tokens. Secrets exist only in the issuing answer and as hashes. */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SECRET_PREFIX = "nd_";
    public static final int MIN_BOOTSTRAP_LENGTH = 32;
    private static final int MAX_TOKEN_LENGTH = 512;

    @Inject
    Clock clock;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    InputValidator validator;

    /** The caller a presented secret stands for, if it is a live token. */
    @Transactional
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = hash(secret);
        Instant now = clock.instant();
        Optional<ApiToken> found = tokens.findByHash(hash)
                .filter(t -> MessageDigest.isEqual(t.tokenHash, hash))
                .filter(t -> t.isActiveAt(now));
        found.ifPresent(t -> tokens.touch(t.id, now.truncatedTo(ChronoUnit.SECONDS)));
        return found.map(t -> new Caller(t.id, t.name, Role.of(t.role)));
    }

    @Transactional
    public TokenView issue(TokenCreate request, Caller issuer) {
        validator.check(request);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = request.expiresAt() == null ? null : request.expiresAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw InvalidInput.field("expiresAt", "must be in the future");
        }
        String secret = newSecret();
        ApiToken token = store(request.name().strip(), request.role(), secret, expiresAt, issuer == null ? null : issuer.tokenId(), now);
        return view(token, secret);
    }

    @Transactional
    public Page<TokenView> list(PageRequest page) {
        List<TokenView> items = tokens.findAll(Sort.by("id")).page(page.page() - 1, page.size()).list().stream()
                .map(t -> view(t, null)).toList();
        return Page.of(items, page, tokens.count());
    }

    /** Revokes a token; it is refused from the next request on, on every instance. */
    @Transactional
    public void revoke(String id) {
        ApiToken token = parseId(id).flatMap(tokens::findByIdOptional)
                .orElseThrow(() -> new NotFound("No token has the id '" + id + "'"));
        if (token.revokedAt == null) {
            token.revokedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /**
     * Makes the bootstrap secret an admin token that expires after {@code lifetime}, when no admin token is usable: on a
     * fresh database, or to recover one whose admin tokens have all expired or been revoked. A secret that was a token
     * once is never made one again, so an expired bootstrap token stays expired however often the service restarts.
     */
    @Transactional
    public boolean bootstrap(String secret, Duration lifetime) {
        if (secret.length() < MIN_BOOTSTRAP_LENGTH || secret.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalStateException("CMS_BOOTSTRAP_TOKEN must be " + MIN_BOOTSTRAP_LENGTH + " to " + MAX_TOKEN_LENGTH
                    + " characters long; generate one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '='");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalStateException("CMS_BOOTSTRAP_TOKEN_LIFETIME must be positive, e.g. PT24H");
        }
        tokens.lockForBootstrap();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<ApiToken> earlier = tokens.findByHash(hash(secret));
        if (earlier.isPresent()) {
            if (!earlier.get().isActiveAt(now)) {
                LOG.info("CMS_BOOTSTRAP_TOKEN has expired or been revoked and is never made a token again;"
                        + " while no admin token is usable, a new value becomes one");
            }
            return false;
        }
        if (tokens.hasUsableAdmin(now)) {
            LOG.info("CMS_BOOTSTRAP_TOKEN is not made a token: an admin token is usable (a new value works only when none is)");
            return false;
        }
        ApiToken token = store("bootstrap", Role.ADMIN, secret, now.plus(lifetime), null, now);
        LOG.infof("Made CMS_BOOTSTRAP_TOKEN an admin token, usable until %s", token.expiresAt);
        return true;
    }

    private ApiToken store(String name, Role role, String secret, Instant expiresAt, Long createdBy, Instant now) {
        ApiToken token = new ApiToken();
        token.name = name;
        token.role = role.value();
        token.tokenHash = hash(secret);
        // Generated secrets show "nd_" and five random characters; a chosen bootstrap secret shows nothing of itself.
        token.prefix = secret.startsWith(SECRET_PREFIX) && secret.length() > 40 ? secret.substring(0, 8) : "(env)";
        token.createdAt = now;
        token.expiresAt = expiresAt;
        token.createdBy = createdBy;
        tokens.persist(token);
        return token;
    }

    private static TokenView view(ApiToken t, String secret) {
        return new TokenView(t.id, t.name, Role.of(t.role), secret, t.prefix, t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt);
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** 32 random bytes, URL-safe: "nd_" + 43 characters of base64url. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
