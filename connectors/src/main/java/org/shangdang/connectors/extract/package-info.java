/**
 * Text and metadata extraction from files (PDF text layers, DOC/DOCX, EPUB, HTML, images with EXIF, audio and
 * video metadata) with Apache Tika, and OCR of image-only scans and images with Tesseract.
 *
 * <p><b>Isolation.</b> Parsing never runs in the caller's JVM: {@link org.shangdang.connectors.extract.ExtractionService}
 * keeps a pool of child JVMs ({@link org.shangdang.connectors.extract.ExtractorMain}) with a bounded heap, sends
 * each one file at a time, and kills and replaces a child that overruns the wall-time limit, runs out of memory or
 * dies. A hostile file (zip bomb, billion laughs, XXE, encrypted, truncated) thus becomes a
 * {@link org.shangdang.connectors.extract.Extraction.Rejected rejected} entry with its
 * {@link org.shangdang.connectors.extract.RejectReason reason}, and the job and the service go on.
 *
 * <p>Plain Java: no Camel, Spring or index code here.
 */
package org.shangdang.connectors.extract;
