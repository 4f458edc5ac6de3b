/**
 * Harvest of documents sources: a watched directory of digitized files (PDF, Word, EPUB, HTML, images, audio,
 * video), each extracted with Tika in a child JVM, scans OCRed, into one record; the routes and the pager.
 */
package org.shangdang.routes.documents;
