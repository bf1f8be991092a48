package io.newsdesk.cms.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two instances of the service (A and B, on their own ports) on one database, as behind a load balancer; started once
 * per test run and shared by the test classes that ask for them (TwoInstancesIT, LogSecrecyIT), stopped at the end.
 * The comment rate limit is set to 3 per client address; webhooks may target receivers on 127.0.0.1. Secrets and emails
 * the tests send are collected so that LogSecrecyIT can check that none of them reached the logs.
 */
final class TwoInstances implements AutoCloseable {

    static final int RATE_LIMIT = 3;
    static final String WEBHOOK_HOST = "127.0.0.1";

    final TestDatabase db;
    final ServiceProcess a;
    final ServiceProcess b;
    final Http httpA;
    final Http httpB;
    final String admin;
    final Set<String> secretsSent = ConcurrentHashMap.newKeySet();
    final Set<String> emailsSent = ConcurrentHashMap.newKeySet();

    private TwoInstances() {
        db = TestDatabase.create("two_instances");
        admin = ServiceProcess.randomSecret();
        secretsSent.add(admin);
        // One after the other: B finds the schema and the first token already there, as a second replica does.
        a = ServiceProcess.on("instance-a", db.jdbcUrl()).bootstrapToken(admin).env("CMS_COMMENTS_RATE_LIMIT", Integer.toString(RATE_LIMIT))
                .env("CMS_WEBHOOKS_ALLOWED_HOSTS", WEBHOOK_HOST).start();
        b = ServiceProcess.on("instance-b", db.jdbcUrl()).bootstrapToken(admin).env("CMS_COMMENTS_RATE_LIMIT", Integer.toString(RATE_LIMIT))
                .env("CMS_WEBHOOKS_ALLOWED_HOSTS", WEBHOOK_HOST).start();
        httpA = a.http();
        httpB = b.http();
    }

    /** A token issued on A, remembered as a secret that must never be logged. */
    Api.IssuedToken issueToken(String name, String role) {
        Api.IssuedToken token = Api.issueToken(httpA, admin, name, role);
        secretsSent.add(token.secret());
        return token;
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }

    /** Resolves a {@link TwoInstances} parameter: the one pair of the whole test run, started on first use. */
    static final class Shared implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TwoInstances.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TwoInstances.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).computeIfAbsent(TwoInstances.class, key -> new TwoInstances(), TwoInstances.class);
        }
    }
}
