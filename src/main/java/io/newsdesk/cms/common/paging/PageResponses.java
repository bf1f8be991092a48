package io.newsdesk.cms.common.paging;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import io.newsdesk.cms.common.web.PublicUrls;

/** Builds a list answer: the envelope plus the Link (RFC 8288, relative references) and X-Total-Count headers. */
public final class PageResponses {

    private PageResponses() {
    }

    public static <T> RestResponse<Page<T>> ok(Page<T> page, UriInfo uriInfo) {
        if (page.isCursorPage()) {
            RestResponse.ResponseBuilder<Page<T>> builder = RestResponse.ResponseBuilder.ok(page);
            if (page.nextCursor() != null) {
                builder.header("Link", "<" + PublicUrls.reference(uriInfo.getRequestUriBuilder()
                        .replaceQueryParam("cursor", page.nextCursor()).build()) + ">; rel=\"next\"");
            }
            return builder.build();
        }
        List<String> links = new ArrayList<>();
        int last = Math.max(page.totalPages(), 1);
        links.add(link(uriInfo, 1, "first"));
        if (page.page() > 1) {
            links.add(link(uriInfo, Math.min(page.page() - 1, last), "prev"));
        }
        if (page.page() < page.totalPages()) {
            links.add(link(uriInfo, page.page() + 1, "next"));
        }
        links.add(link(uriInfo, last, "last"));
        return RestResponse.ResponseBuilder.ok(page)
                .header("Link", String.join(", ", links))
                .header("X-Total-Count", page.totalItems())
                .build();
    }

    private static String link(UriInfo uriInfo, int page, String rel) {
        return "<" + PublicUrls.reference(uriInfo.getRequestUriBuilder().replaceQueryParam("page", page).build()) + ">; rel=\"" + rel + "\"";
    }
}
