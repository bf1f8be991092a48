package io.newsdesk.cms.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.web.HttpUrls;

/**
 * Keeps webhooks from reaching inside the network: a target whose host resolves to a loopback, private,
 * link-local, unique-local, multicast or cloud metadata address is refused unless CMS_WEBHOOKS_ALLOWED_HOSTS
 * names it. Checked when an endpoint is saved and again before every attempt (a name may resolve elsewhere
 * later); redirects are never followed, so a target cannot bounce a delivery inside either.
 */
@ApplicationScoped
public class TargetGuard {

    private final List<String> allowed;

    @Inject
    public TargetGuard(CmsConfig config) {
        this.allowed = config.webhooks().allowedHosts().orElse(List.of()).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** Why the URL may not be a target, or empty when it may. */
    public Optional<String> refusal(String url) {
        HttpUrls.Checked checked = HttpUrls.check(url, Integer.MAX_VALUE);
        if (!checked.accepted()) {
            return Optional.of(checked.refusal());
        }
        String host = checked.host();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve: " + bare);
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of("resolves to an internal address (" + address.getHostAddress()
                        + "); name the host in CMS_WEBHOOKS_ALLOWED_HOSTS to allow it");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 169 && second == 254) // link-local, cloud metadata
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 0) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) { // fc00::/7 unique local
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
