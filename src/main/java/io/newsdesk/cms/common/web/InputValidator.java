package io.newsdesk.cms.common.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;

import io.newsdesk.cms.common.error.FieldError;
import io.newsdesk.cms.common.error.InvalidInput;

/** Bean Validation of request bodies, failing with every invalid field named. */
@ApplicationScoped
public class InputValidator {

    private static final int MAX_ERRORS = 100;

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
        List<FieldError> oversize = oversizeCollections(value, prefix);
        if (!oversize.isEmpty()) {
            return oversize;
        }
        return validator.validate(value).stream()
                .map(v -> new FieldError(prefix + field(v), v.getMessage()))
                .toList();
    }

    /**
     * Lists over their {@code @Size} maximum, found before any element is looked at: validating (and
     * reporting) each of 100,000 elements of a list that may hold 20 would cost seconds of CPU for an
     * answer that is already known.
     */
    private static List<FieldError> oversizeCollections(Object value, String prefix) {
        RecordComponent[] components = value.getClass().getRecordComponents();
        if (components == null) {
            return List.of();
        }
        List<FieldError> found = new ArrayList<>();
        for (RecordComponent component : components) {
            Size size = component.getAccessor().getAnnotation(Size.class);
            if (size == null || !Collection.class.isAssignableFrom(component.getType())) {
                continue;
            }
            try {
                Collection<?> items = (Collection<?>) component.getAccessor().invoke(value);
                if (items != null && items.size() > size.max()) {
                    found.add(new FieldError(prefix + component.getName(), size.message()));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Throws a 400 naming every one of these fields (the first hundred), if there are any. */
    public static void fail(List<FieldError> found) {
        if (found.isEmpty()) {
            return;
        }
        List<FieldError> errors = found.stream()
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .limit(MAX_ERRORS)
                .toList();
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : "The request has " + found.stream().distinct().count() + " invalid fields"
                        + (errors.size() < found.size() ? " (the first " + MAX_ERRORS + " are listed)" : "");
        throw new InvalidInput(detail, errors);
    }

    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "").replace("<list element>", "");
    }
}
