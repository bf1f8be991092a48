package io.newsdesk.cms.auth;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenCreate", description = "A token to issue")
public record TokenCreate(
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
        @Schema(required = true, example = "Maya's laptop", maxLength = 100) String name,
        @NotNull(message = "is required")
        @Schema(required = true, description = "admin (everything), editor (all content), author (own drafts only)") Role role,
        @Schema(description = "When the token stops working; never when absent", example = "2025-12-31T23:59:59Z") OffsetDateTime expiresAt) {
}
