package org.shangdang.connectors.extract;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM's entry point: reads one {@link ChildProtocol.Request} per line from stdin, extracts the file and
 * writes one {@link ChildProtocol.Response} per line to stdout, until stdin closes. {@link ExtractionService}
 * starts it; it is not meant to be run by hand.
 *
 * <p>Parsers that print to {@code System.out} would corrupt the protocol, so {@code System.out} is pointed at
 * stderr and responses go to the original stdout descriptor. It exits when its parent process is gone.
 */
public final class ExtractorMain {

    private ExtractorMain() {
    }

    /**
     * Exits when the parent JVM is gone: a closed stdin ends the loop only between files, and a child stuck in a
     * hostile file after its parent was killed would otherwise run on.
     */
    private static void watchParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(4);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        watchParent();
        DocumentExtractor extractor = new DocumentExtractor();
        protocol.println(ChildProtocol.READY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            ChildProtocol.Response response;
            try {
                response = extractor.extract(ExtractedDocuments.JSON.readValue(line, ChildProtocol.Request.class));
            } catch (StackOverflowError e) {
                response = ChildProtocol.Response.rejected(RejectReason.ZIP_BOMB, "nesting too deep: stack overflow while parsing");
            } catch (RuntimeException e) {
                response = ChildProtocol.Response.rejected(RejectReason.CORRUPT, DocumentExtractor.describe(e));
            }
            protocol.println(ExtractedDocuments.JSON.writeValueAsString(response));
        }
    }
}
