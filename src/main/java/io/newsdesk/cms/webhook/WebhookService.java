package io.newsdesk.cms.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.paging.Cursors;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.persistence.Times;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.HttpUrls;
import io.newsdesk.cms.common.web.InputValidator;
import io.newsdesk.cms.common.web.MergePatch;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Webhook endpoints: created, listed, changed, removed, tested, their secrets rotated. */
@ApplicationScoped
public class WebhookService {

    @ApplicationScoped
    public static class Repository implements PanacheRepository<Webhook> {
    }

    @Inject
    Clock clock;

    @Inject
    Repository repository;

    @Inject
    EntityManager em;

    @Inject
    InputValidator validator;

    @Inject
    TargetGuard guard;

    @Inject
    WebhookEvents events;

    @Inject
    CategoryService categories;

    @Inject
    ObjectMapper mapper;

    @Inject
    CmsConfig config;

    @Inject
    Cursors cursors;

    public record Versioned(WebhookView view, String etag) {
    }

    @Transactional
    public Versioned create(WebhookWrite write) {
        check(write);
        Webhook w = new Webhook();
        apply(w, write);
        w.secret = Signatures.newSecret();
        w.createdAt = now();
        w.updatedAt = w.createdAt;
        repository.persistAndFlush(w);
        return versioned(w, true);
    }

    @Transactional
    public List<WebhookView> list() {
        return repository.listAll(io.quarkus.panache.common.Sort.by("id")).stream().map(w -> view(w, false)).toList();
    }

    @Transactional
    public Versioned get(long id) {
        return versioned(load(id), false);
    }

    @Transactional
    public Versioned patch(long id, JsonNode patch, String ifMatch) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidInput("A merge patch must be a JSON object", null);
        }
        Webhook w = load(id);
        ETags.checkIfMatch(ifMatch, () -> etag(w));
        WebhookWrite current = new WebhookWrite(w.url, w.description, List.of(w.events), w.categorySlug, w.enabled);
        WebhookWrite write = MergePatch.convert(mapper, MergePatch.apply(mapper.valueToTree(current), patch), WebhookWrite.class);
        check(write);
        apply(w, write);
        w.updatedAt = now();
        repository.flush();
        return versioned(w, false);
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        Webhook w = load(id);
        ETags.checkIfMatch(ifMatch, () -> etag(w));
        repository.delete(w);
    }

    /** A new secret; the old one keeps signing beside it for CMS_WEBHOOKS_SECRET_OVERLAP. */
    @Transactional
    public Versioned rotate(long id) {
        Webhook w = load(id);
        w.previousSecret = w.secret;
        w.previousSecretUntil = now().plus(config.webhooks().secretOverlap());
        w.secret = Signatures.newSecret();
        w.updatedAt = now();
        repository.flush();
        return versioned(w, true);
    }

    /** Sends a {@code webhook.test} event to this endpoint alone, through the outbox like any other. */
    @Transactional
    public String test(long id) {
        Webhook w = load(id);
        String eventId = events.publish(EventType.WEBHOOK_TEST, null, new TestData(id, "A test from Newsdesk"), List.of(), id);
        return eventId;
    }

    /** The {@code data} of {@code webhook.test}. */
    @Schema(name = "TestEventData")
    public record TestData(long webhookId, String message) {
    }

    /** A cursor page of an endpoint's deliveries, newest first, each with its attempts. */
    @Transactional
    public Page<DeliveryView> deliveries(long id, String cursor, int size) {
        load(id);
        String filters = "deliveries|" + id;
        int limit = size + 1;
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : cursors.decode(cursor.strip(), filters);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select d.id, d.event_id, e.type, d.state, d.next_attempt_at, d.created_at, d.finished_at
                from webhook_delivery d join webhook_event e on e.id = d.event_id
                where d.webhook_id = :id and d.id < :after order by d.id desc limit :limit""")
                .setParameter("id", id).setParameter("after", after == null ? Long.MAX_VALUE : after.id())
                .setParameter("limit", limit).getResultList();
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            long last = ((Number) rows.get(size - 1)[0]).longValue();
            next = cursors.encode(new Cursors.Position(last, last), filters);
        }
        Map<Long, List<DeliveryView.Attempt>> attempts = new HashMap<>();
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        if (!ids.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> tries = em.createNativeQuery("""
                    select delivery_id, attempted_at, status_code, duration_ms, error, response_head
                    from webhook_attempt where delivery_id in (:ids) order by delivery_id, id""")
                    .setParameter("ids", ids).getResultList();
            for (Object[] t : tries) {
                attempts.computeIfAbsent(((Number) t[0]).longValue(), k -> new ArrayList<>())
                        .add(new DeliveryView.Attempt(Times.instant(t[1]), t[2] == null ? null : ((Number) t[2]).intValue(),
                                ((Number) t[3]).intValue(), (String) t[4], (String) t[5]));
            }
        }
        List<DeliveryView> items = rows.stream().map(r -> {
            long deliveryId = ((Number) r[0]).longValue();
            String state = (String) r[3];
            return new DeliveryView(deliveryId, (String) r[1], (String) r[2], state, "pending".equals(state) ? Times.instant(r[4]) : null,
                    Times.instant(r[5]), Times.instant(r[6]), attempts.getOrDefault(deliveryId, List.of()));
        }).toList();
        return Page.cursor(items, next);
    }

    /** Sends a delivery's event again to its endpoint, with the same webhook-id. */
    @Transactional
    public long replay(long id, long deliveryId) {
        load(id);
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select event_id, subject from webhook_delivery where id = :delivery and webhook_id = :id")
                .setParameter("delivery", deliveryId).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw new NotFound("Webhook " + id + " has no delivery " + deliveryId);
        }
        return ((Number) em.createNativeQuery(
                "insert into webhook_delivery (webhook_id, event_id, subject) values (:id, :event, :subject) returning id")
                .setParameter("id", id).setParameter("event", found.get(0)[0]).setParameter("subject", found.get(0)[1])
                .getSingleResult()).longValue();
    }

    private void check(WebhookWrite write) {
        validator.check(write);
        guard.refusal(write.url().strip()).ifPresent(reason -> {
            throw InvalidInput.field("url", reason);
        });
        for (int i = 0; i < write.events().size(); i++) {
            String pattern = write.events().get(i).strip();
            if (!EventType.known(pattern)) {
                throw InvalidInput.field("events[" + i + "]", "'" + pattern + "' names no event; the events are "
                        + String.join(", ", Arrays.stream(EventType.values()).map(EventType::type).toList()));
            }
        }
        if (write.categorySlug() != null && !write.categorySlug().isBlank()) {
            categories.idForArticle(write.categorySlug().strip());
        }
    }

    private void apply(Webhook w, WebhookWrite write) {
        w.url = HttpUrls.normalise(write.url());
        w.description = write.description() == null || write.description().isBlank() ? null : write.description().strip();
        w.events = write.events().stream().map(String::strip).distinct().toArray(String[]::new);
        w.categorySlug = write.categorySlug() == null || write.categorySlug().isBlank() ? null : write.categorySlug().strip();
        boolean enable = write.enabled() == null || write.enabled();
        if (enable && !w.enabled) {
            w.disabledReason = null;
            w.failingSince = null;
        }
        w.enabled = enable;
    }

    private Webhook load(long id) {
        return repository.findByIdOptional(id).orElseThrow(() -> new NotFound("No webhook has id " + id));
    }

    private Versioned versioned(Webhook w, boolean withSecret) {
        return new Versioned(view(w, withSecret), etag(w));
    }

    private static String etag(Webhook w) {
        return ETags.of("webhook", w.id, w.version);
    }

    private static WebhookView view(Webhook w, boolean withSecret) {
        return new WebhookView(w.id, w.url, w.description, List.of(w.events), w.categorySlug, w.enabled, w.disabledReason,
                withSecret ? w.secret : null, w.createdAt, w.updatedAt);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
