package io.newsdesk.cms.article;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class ArticleStatusConverter implements AttributeConverter<ArticleStatus, String> {
    @Override
    public String convertToDatabaseColumn(ArticleStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public ArticleStatus convertToEntityAttribute(String value) {
        return value == null ? null : ArticleStatus.of(value);
    }
}
