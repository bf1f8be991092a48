package io.newsdesk.cms.feed;

import java.io.ByteArrayOutputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A UTF-8 XML document written with the JDK's streaming writer, which escapes markup in text and
 * attribute values. Every text and value goes through {@link FeedText#clean} first: the writer would
 * pass control characters through, and one is enough to make a feed reader reject the whole feed.
 */
final class Xml {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
    private final XMLStreamWriter out;

    Xml() {
        try {
            out = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
            out.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Step {
        void run() throws XMLStreamException;
    }

    private Xml step(Step step) {
        try {
            step.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    Xml open(String name) {
        return step(() -> out.writeStartElement(name));
    }

    Xml open(String prefix, String name, String namespace) {
        return step(() -> out.writeStartElement(prefix, name, namespace));
    }

    /** An element without content; its attributes follow. */
    Xml empty(String name) {
        return step(() -> out.writeEmptyElement(name));
    }

    Xml empty(String prefix, String name, String namespace) {
        return step(() -> out.writeEmptyElement(prefix, name, namespace));
    }

    Xml namespace(String prefix, String uri) {
        return step(() -> out.writeNamespace(prefix, uri));
    }

    Xml defaultNamespace(String uri) {
        return step(() -> out.writeDefaultNamespace(uri));
    }

    /** An attribute of the element just opened; none when the value is null. */
    Xml attribute(String name, Object value) {
        return value == null ? this : step(() -> out.writeAttribute(name, FeedText.clean(value.toString())));
    }

    Xml xmlLang(String language) {
        return language == null ? this : step(() -> out.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", FeedText.clean(language)));
    }

    Xml text(String text) {
        return text == null ? this : step(() -> out.writeCharacters(FeedText.clean(text)));
    }

    Xml close() {
        return step(out::writeEndElement);
    }

    /** {@code <name>text</name>}, or nothing when the text is null. */
    Xml element(String name, String text) {
        return text == null ? this : open(name).text(text).close();
    }

    Xml element(String prefix, String name, String namespace, String text) {
        return text == null ? this : open(prefix, name, namespace).text(text).close();
    }

    byte[] finish() {
        step(() -> {
            out.writeEndDocument();
            out.flush();
            out.close();
        });
        return bytes.toByteArray();
    }
}
