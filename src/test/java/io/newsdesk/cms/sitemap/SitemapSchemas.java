package io.newsdesk.cms.sitemap;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The published XML schemas of sitemaps (src/test/resources/xsd): sitemaps.org's for index and URL set files, with
 * Google's image and news extensions compiled in beside the URL set's, so the elements the URL set lets in through
 * {@code xsd:any processContents="strict"} are validated against their own schema (and refused when none declares them).
 */
final class SitemapSchemas {

    private static final Schema INDEX = compile("siteindex.xsd");
    private static final Schema URLSET = compile("sitemap.xsd", "sitemap-image.xsd", "sitemap-news.xsd");

    private SitemapSchemas() {
    }

    /** Fails with every problem the validator reports, if the bytes are not a valid sitemap index. */
    static void assertValidIndex(byte[] xml) {
        validate(INDEX, xml);
    }

    /** Fails with every problem the validator reports, if the bytes are not a valid URL set (extensions included). */
    static void assertValidUrlset(byte[] xml) {
        validate(URLSET, xml);
    }

    private static Schema compile(String... files) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Source[] sources = new Source[files.length];
            for (int i = 0; i < files.length; i++) {
                URL url = SitemapSchemas.class.getResource("/xsd/" + files[i]);
                sources[i] = new StreamSource(url.toExternalForm());
            }
            return factory.newSchema(sources);
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void validate(Schema schema, byte[] xml) {
        List<String> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                problems.add("warning line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
                problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add("fatal, line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        try {
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
            fail("Not valid against the published schema: " + problems.subList(0, Math.min(10, problems.size()))
                    + "\n" + text.substring(0, Math.min(2000, text.length())));
        }
    }
}
