package io.newsdesk.cms.common.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A field that holds a URL supplied by a reader or an editor: it must pass {@link HttpUrls}' rule; null passes. */
@Documented
@Constraint(validatedBy = HttpUrl.Check.class)
@Target({ FIELD, METHOD, PARAMETER })
@Retention(RUNTIME)
public @interface HttpUrl {

    /** What the OpenAPI document says of every such field. */
    String DESCRIPTION = "An absolute http(s) URL with a host, stored and answered in normal form: scheme and host in lower case, "
            + "an internationalised host in its ASCII (punycode) form, the scheme's own port left out, non-ASCII characters "
            + "percent-encoded. Refused (400 naming the field): any other scheme (javascript:, data:, ftp:...), a protocol-relative "
            + "//host address, a user name or password before the host, and spaces, control characters, quotes, backticks, "
            + "backslashes or angle brackets.";

    String message() default HttpUrls.NOT_HTTP;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The longest normal form the field stores. */
    int max();

    /** A path of this service's own that the field may also hold, as a read sent back (empty: none). */
    String orPathUnder() default "";

    /** Names the rule's reason in the field error, so a form can say what to change. */
    class Check implements ConstraintValidator<HttpUrl, String> {
        private int max;
        private String path;

        @Override
        public void initialize(HttpUrl annotation) {
            max = annotation.max();
            path = annotation.orPathUnder();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (!path.isEmpty() && value.startsWith(path) && HttpUrls.markupFree(value)) {
                return true;
            }
            HttpUrls.Checked checked = HttpUrls.check(value, max);
            if (checked.accepted()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(checked.refusal()).addConstraintViolation();
            return false;
        }
    }
}
