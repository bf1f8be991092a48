package io.newsdesk.cms.sitemap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.newsdesk.cms.common.text.XmlText;

/**
 * Writes one sitemap document as it goes, element by element, to a buffered stream: nothing but the
 * current entry is held in memory. Every text passes through {@link #clean}, so no document carries a
 * character XML 1.0 forbids, whatever an editor typed.
 */
final class SitemapWriter implements AutoCloseable {

    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1";
    static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

    /** The JDK's own writer: it escapes markup characters in text, and streams. */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
    private static final int BUFFER = 32 * 1024;

    private final OutputStream out;
    private final XMLStreamWriter xml;

    private SitemapWriter(OutputStream target, String root, boolean images, boolean news) throws IOException {
        this.out = new BufferedOutputStream(target, BUFFER);
        try {
            xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(SITEMAP_NS);
            xml.writeStartElement(SITEMAP_NS, root);
            xml.writeDefaultNamespace(SITEMAP_NS);
            if (images) {
                xml.setPrefix("image", IMAGE_NS);
                xml.writeNamespace("image", IMAGE_NS);
            }
            if (news) {
                xml.setPrefix("news", NEWS_NS);
                xml.writeNamespace("news", NEWS_NS);
            }
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** A {@code <sitemapindex>}. */
    static SitemapWriter index(OutputStream out) throws IOException {
        return new SitemapWriter(out, "sitemapindex", false, false);
    }

    /** A {@code <urlset>}, declaring the image and news namespaces when its entries use them. */
    static SitemapWriter urlset(OutputStream out, boolean images, boolean news) throws IOException {
        return new SitemapWriter(out, "urlset", images, news);
    }

    /** An index entry. */
    void sitemap(String loc, Instant lastModified) throws IOException {
        try {
            xml.writeStartElement(SITEMAP_NS, "sitemap");
            element(SITEMAP_NS, "loc", loc);
            if (lastModified != null) {
                element(SITEMAP_NS, "lastmod", w3c(lastModified));
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** A page, with its image when it has one ({@code imageLoc} absolute). */
    void url(String loc, Instant lastModified, String imageLoc) throws IOException {
        try {
            xml.writeStartElement(SITEMAP_NS, "url");
            element(SITEMAP_NS, "loc", loc);
            if (lastModified != null) {
                element(SITEMAP_NS, "lastmod", w3c(lastModified));
            }
            if (imageLoc != null) {
                xml.writeStartElement(IMAGE_NS, "image");
                element(IMAGE_NS, "loc", imageLoc);
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** A news article: Google News reads the publication, the original publication time and the title. */
    void news(String loc, Instant lastModified, String publication, String language, Instant publishedAt, String title) throws IOException {
        try {
            xml.writeStartElement(SITEMAP_NS, "url");
            element(SITEMAP_NS, "loc", loc);
            if (lastModified != null) {
                element(SITEMAP_NS, "lastmod", w3c(lastModified));
            }
            xml.writeStartElement(NEWS_NS, "news");
            xml.writeStartElement(NEWS_NS, "publication");
            element(NEWS_NS, "name", publication);
            element(NEWS_NS, "language", language);
            xml.writeEndElement();
            element(NEWS_NS, "publication_date", w3c(publishedAt));
            element(NEWS_NS, "title", title);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** Sends what is written so far, so a long document goes out batch by batch. */
    void flush() throws IOException {
        try {
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        out.flush();
    }

    /** Ends the document and sends the rest; the target stream is left open for its owner to close. */
    @Override
    public void close() throws IOException {
        try {
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        out.flush();
    }

    private void element(String namespace, String name, String text) throws XMLStreamException {
        xml.writeStartElement(namespace, name);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }

    /** W3C datetime to the second, in UTC: 2024-02-23T09:30:00Z. */
    static String w3c(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The text with every character XML 1.0 forbids taken out (C0 controls, lone surrogates, U+FFFE and U+FFFF),
     * and the ones it only discourages too (DEL and C1 controls); tabs and line breaks become spaces, since
     * titles and names are one line. Markup characters stay: the writer escapes them.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        return XmlText.clean(text).replaceAll("[\\t\\n\\r]", " ").replaceAll("[\\u007f-\\u009f]", "");
    }
}
