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
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> new FieldError(field(v), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                    .toList();
            String detail = errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : "The request has " + errors.size() + " invalid fields";
            throw new InvalidInput(detail, errors);
        }
        return body;
    }

    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "").replace("<list element>", "");
    }
}
