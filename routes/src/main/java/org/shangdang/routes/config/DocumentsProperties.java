package org.shangdang.routes.config;

import java.nio.file.Path;
import java.time.Duration;
import org.shangdang.connectors.extract.Script;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * A watched directory of digitized files ({@code shangdang.sources[].documents}): PDF, DOC/DOCX, EPUB, HTML,
 * images, audio and video, each extracted with Tika in a child JVM (scans OCRed) into one record. Validated by the
 * {@link SourceProperties} that holds it, so that messages can name the source.
 *
 * @param directory the directory whose files (recursively, hidden ones skipped) are records; required. Files stay
 *     where they are (their {@code file:} URL is the record id and the media link)
 * @param ledger where the ledger of files already read is kept (path, size, modification time); defaults to
 *     {@code <directory>/.shangdang-extracted}
 * @param script the script of the scans, which picks the OCR model: {@code unknown} (the default: both are tried),
 *     {@code simplified} or {@code traditional}
 * @param workers child JVMs extracting at once, 1 to 16; defaults to 2
 * @param maxFileSize larger files are rejected unread; defaults to 100MB
 * @param timeout wall time per file, OCR included, before its child is killed and the file rejected; defaults to 120s
 * @param childHeap the heap of each child JVM, at least 64MB; defaults to 512MB
 * @param tesseract the Tesseract executable; where it cannot be run, OCR is skipped and the record says so
 */
public record DocumentsProperties(
        Path directory,
        Path ledger,
        @DefaultValue("UNKNOWN") Script script,
        @DefaultValue("2") int workers,
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("120s") Duration timeout,
        @DefaultValue("512MB") DataSize childHeap,
        @DefaultValue("tesseract") String tesseract) {
}
