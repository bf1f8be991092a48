package io.newsdesk.cms.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The transactional outbox: {@link #publish} writes the event, and one delivery per endpoint that wants
 * it, in the transaction of the change that causes it. Nothing is sent for a write that rolls back, and
 * a committed event is sent even if the process stops right after the commit (see {@link Deliveries}).
 */
@ApplicationScoped
public class WebhookEvents {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /**
     * Publishes an event in the Standard Webhooks shape {@code {type, timestamp, data}}. {@code subject} orders
     * deliveries: events of one subject (e.g. {@code article-17}) reach each endpoint in the order published; an event
     * with no subject ({@code null}) is ordered with nothing else.
     * {@code categories} are the slugs of the category and its ancestors, for endpoints filtered by category.
     * Answers the event's id (its {@code webhook-id}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String publish(EventType type, String subject, Object data, List<String> categories) {
        return publish(type, subject, data, categories, null);
    }

    /** The same, to one endpoint only when {@code onlyWebhook} is given (a test event). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String publish(EventType type, String subject, Object data, List<String> categories, Long onlyWebhook) {
        String id = "msg_" + HexFormat.of().formatHex(randomBytes());
        String orderedBy = subject == null ? id : subject;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.type());
        payload.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        payload.put("data", data);
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("insert into webhook_event (id, type, subject, payload) values (:id, :type, :subject, :payload)")
                .setParameter("id", id).setParameter("type", type.type()).setParameter("subject", orderedBy).setParameter("payload", json)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> endpoints = em.createNativeQuery("select id, events, category_slug from webhook where enabled or id = :only")
                .setParameter("only", onlyWebhook == null ? -1L : onlyWebhook).getResultList();
        for (Object[] e : endpoints) {
            Webhook w = new Webhook();
            w.events = (String[]) e[1];
            String category = (String) e[2];
            long webhookId = ((Number) e[0]).longValue();
            if (onlyWebhook != null ? webhookId != onlyWebhook
                    : !w.wants(type) || (category != null && !categories.contains(category))) {
                continue;
            }
            em.createNativeQuery("insert into webhook_delivery (webhook_id, event_id, subject) values (:webhook, :event, :subject)")
                    .setParameter("webhook", webhookId).setParameter("event", id).setParameter("subject", orderedBy)
                    .executeUpdate();
        }
        return id;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
