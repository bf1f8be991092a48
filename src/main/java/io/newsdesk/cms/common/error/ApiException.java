package io.newsdesk.cms.common.error;

import java.util.List;
import java.util.Map;

/**
 * Base of the small domain exceptions that services throw; {@link ProblemMappers} turns each into
 * a problem+json answer with the status, title and detail it carries.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.headers = headers == null ? Map.of() : headers;
    }

    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The newest revision of the article the problem is about, when it says so (a 412 on an article write). */
    public Integer currentRevision() {
        return null;
    }
}
