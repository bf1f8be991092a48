package io.newsdesk.cms.auth;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a token may do. Each role includes the ones below it: admin > editor > author. */
public enum Role {
    AUTHOR("author"), EDITOR("editor"), ADMIN("admin");

    public static final String AUTHOR_NAME = "author";
    public static final String EDITOR_NAME = "editor";
    public static final String ADMIN_NAME = "admin";

    private final String value;

    Role(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The role names a security identity carries, so @RolesAllowed("editor") also admits admins. */
    public Set<String> grantedRoles() {
        return switch (this) {
            case ADMIN -> Set.of(ADMIN_NAME, EDITOR_NAME, AUTHOR_NAME);
            case EDITOR -> Set.of(EDITOR_NAME, AUTHOR_NAME);
            case AUTHOR -> Set.of(AUTHOR_NAME);
        };
    }

    public static Role of(String value) {
        for (Role r : values()) {
            if (r.value.equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role " + value);
    }
}
