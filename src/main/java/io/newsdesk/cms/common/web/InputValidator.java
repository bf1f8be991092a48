package io.newsdesk.cms.common.web;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.newsdesk.cms.common.error.FieldError;
import io.newsdesk.cms.common.error.InvalidInput;

/** Bean Validation of request bodies, failing with every invalid field named. */
@ApplicationScoped
public class InputValidator {

    @Inject
    Validator validator;

    public <T> T check(T body) {
        if (body == null) {
            throw new InvalidInput("A JSON request body is required", null);
        }
        fail(errors(body, ""));
        return body;
    }

    /** The invalid fields of a value, each named with the given prefix ("[2]." for the third entry of a list). */
    public List<FieldError> errors(Object value, String prefix) {
        return validator.validate(value).stream()
                .map(v -> new FieldError(prefix + field(v), v.getMessage()))
                .toList();
    }

    /** Throws a 400 naming every one of these fields, if there are any. */
    public static void fail(List<FieldError> found) {
        if (found.isEmpty()) {
            return;
        }
        List<FieldError> errors = found.stream()
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : "The request has " + errors.size() + " invalid fields";
        throw new InvalidInput(detail, errors);
    }

    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "").replace("<list element>", "");
    }
}
