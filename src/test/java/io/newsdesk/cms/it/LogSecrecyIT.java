package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the service writes to stdout/stderr ends up in log aggregators that many people can read: it must never contain
 * an API token (the bootstrap secret, issued tokens, or a wrong token someone tried) nor a commenter's email address.
 */
@ExtendWith(TwoInstances.Shared.class)
class LogSecrecyIT {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    @Test
    void noTokenAndNoEmailAddressReachesTheLogs(TwoInstances two) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> secrets = new ArrayList<>();

        // The bootstrap token, on both instances.
        assertEquals(200, two.httpA.get(Api.TOKENS, two.admin).status());
        assertEquals(200, two.httpB.get(Api.TOKENS, two.admin).status());

        // A token issued on A, used on B to write.
        Api.IssuedToken issued = two.issueToken("log secrecy " + run, "admin");
        secrets.add(issued.secret());
        assertEquals(200, two.httpB.get(Api.TOKENS, issued.secret()).status());
        String slug = Api.createPublished(two.httpB, issued.secret(), "Log secrecy " + run, "log-secrecy-" + run, List.of("logs"));
        String comments = Api.ARTICLES + "/" + slug + "/comments";

        // A reader's comment with an email, the same again (409), one with an invalid field (400), and a staff comment.
        String reader = "log.reader." + run + "@example.org";
        String staff = "log.staff." + run + "@newsdesk.example";
        two.emailsSent.add(reader);
        two.emailsSent.add(staff);
        Map<String, Object> comment = Api.comment("Log Reader", reader, "A comment whose author's email stays private.");
        Http.Response posted = two.httpA.post(comments, null, comment);
        assertTrue(posted.status() == 201 || posted.status() == 202, () -> "reader's comment: " + posted);
        Http.Response duplicate = two.httpB.post(comments, null, comment);
        assertEquals(409, duplicate.status(), () -> "duplicate comment: " + duplicate);
        Map<String, Object> invalid = new LinkedHashMap<>(Api.comment("Log Reader", reader, "Another comment."));
        invalid.put("authorUrl", "javascript:alert(1)");
        Http.Response refused = two.httpA.post(comments, null, invalid);
        assertEquals(400, refused.status(), () -> "invalid comment: " + refused);
        Http.Response staffComment = two.httpB.post(comments, issued.secret(), Api.comment("Newsdesk", staff, "Thanks for reading."));
        assertEquals(201, staffComment.status(), () -> "staff comment: " + staffComment);
        Http.Response queue = two.httpA.get("/api/v1/comments?status=pending", issued.secret());
        assertEquals(200, queue.status(), () -> "moderation queue: " + queue);

        // Failed logins: a well-formed unknown token, a random string, then the issued token once revoked.
        String unknown = "nd_" + ServiceProcess.randomSecret().substring(3);
        String garbage = ServiceProcess.randomSecret() + "!" + run;
        secrets.add(unknown);
        secrets.add(garbage);
        two.secretsSent.add(unknown);
        two.secretsSent.add(garbage);
        assertEquals(401, two.httpA.get(Api.TOKENS, unknown).status());
        assertEquals(401, two.httpB.post(Api.ARTICLES, garbage, Map.of("title", "never")).status());
        assertEquals(204, two.httpA.delete(Api.TOKENS + "/" + issued.id(), two.admin).status());
        assertEquals(401, two.httpB.get(Api.TOKENS, issued.secret()).status());

        Set<String> allSecrets = new TreeSet<>(two.secretsSent);
        allSecrets.addAll(secrets);
        List<String> leaks = new ArrayList<>();
        for (ServiceProcess instance : List.of(two.a, two.b)) {
            String log = instance.log();
            assertTrue(log.contains("Listening on"), () -> instance.logFile() + " is not the service's log");
            for (String secret : allSecrets) {
                // The secret whole, or the part of it after the public prefix (nd_ and 5 characters) that GET /tokens shows.
                String inner = secret.substring(8, Math.min(secret.length(), 28));
                if (log.contains(secret) || log.contains(inner)) {
                    leaks.add(instance.name() + " logged a token: " + line(log, log.contains(secret) ? secret : inner));
                }
            }
            String lower = log.toLowerCase(Locale.ROOT);
            for (String email : two.emailsSent) {
                if (lower.contains(email.toLowerCase(Locale.ROOT))) {
                    leaks.add(instance.name() + " logged an email address: " + line(log, email));
                }
            }
            Matcher any = EMAIL.matcher(log);
            while (any.find()) {
                leaks.add(instance.name() + " logged something like an email address: " + line(log, any.group()));
            }
        }
        System.out.printf("[it] log secrecy: checked %d token strings and %d email addresses against %s (%d bytes) and %s (%d bytes): %s%n",
                allSecrets.size(), two.emailsSent.size(), two.a.logFile().getFileName(), two.a.log().length(), two.b.logFile().getFileName(),
                two.b.log().length(), leaks.isEmpty() ? "nothing found" : leaks.size() + " leaks");
        assertTrue(leaks.isEmpty(), () -> String.join("\n", leaks));
    }

    /** The log line holding this text, shortened, with the text itself masked so the report does not repeat it. */
    private static String line(String log, String text) {
        int at = Math.max(0, log.toLowerCase(Locale.ROOT).indexOf(text.toLowerCase(Locale.ROOT)));
        int start = log.lastIndexOf('\n', at) + 1;
        int end = log.indexOf('\n', at);
        String line = log.substring(start, end < 0 ? log.length() : end)
                .replaceAll("(?i)" + Pattern.quote(text), "<" + text.length() + " chars>");
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }
}
