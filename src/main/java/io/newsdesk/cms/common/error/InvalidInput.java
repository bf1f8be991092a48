package io.newsdesk.cms.common.error;

import java.util.List;

/** 400: the request is well-formed JSON but some fields or parameters are invalid. */
public class InvalidInput extends ApiException {
    public InvalidInput(String detail, List<FieldError> errors) {
        super(400, "invalid-input", "Invalid input", detail, errors, null);
    }

    public static InvalidInput field(String field, String message) {
        return new InvalidInput(field + ": " + message, List.of(new FieldError(field, message)));
    }
}
