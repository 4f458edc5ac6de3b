package org.shangdang.api.oai;

import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** What the XML writers of the OAI-PMH provider and the SRU server share. Stateless and thread-safe. */
public final class Xml {

    /** The XML Schema instance namespace. */
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private Xml() {}

    /** A UTF-8 writer on the stream; the caller writes the document and closes the writer (not the stream). */
    public static XMLStreamWriter writer(OutputStream out) throws XMLStreamException {
        return OUTPUT.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
    }

    /** A writer into a string buffer, for a record sent as escaped text. */
    public static XMLStreamWriter writer(StringWriter out) throws XMLStreamException {
        return OUTPUT.createXMLStreamWriter(out);
    }

    /**
     * The text without the characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage
     * return; unpaired surrogates; U+FFFE/U+FFFF), which old catalogue data sometimes holds: a response with one
     * would not parse at all.
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = !Character.isLowSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                        && c != 0xFFFE && c != 0xFFFF;
            }
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
