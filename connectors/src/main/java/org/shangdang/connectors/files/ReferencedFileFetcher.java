package org.shangdang.connectors.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shangdang.record.MediaLink;

/**
 * Fetches the file a {@link MediaLink} points at into a temporary file, under {@link FileFetchLimits}.
 *
 * <ul>
 *   <li>Only {@code http}, {@code https} and {@code file:} URIs under the configured root are read; a URL with a user
 *       or password in it is refused, and no credentials, cookies or {@code Authorization} headers are ever sent:
 *       file hosts are not the sources' APIs.
 *   <li>Redirects are followed by hand, at most {@link FileFetchLimits#maxRedirects()}, never from https to http.
 *   <li>A document longer than {@link FileFetchLimits#maxBytes()} (stated or read) is refused; reading stops at the
 *       limit. Of audio and video only the first {@link FileFetchLimits#mediaPrefixBytes()} are read.
 *   <li>A stated content type that cannot be the link's kind (an HTML login page for a PDF) is refused.
 *   <li>With the validators of an earlier fetch the request is conditional; {@code 304} is {@link FileFetch.Unchanged}.
 * </ul>
 *
 * <p>Reasons and details name the URL without its query string, which may carry a signed token. Thread-safe and
 * stateless; nothing to close.
 */
public final class ReferencedFileFetcher {

    private static final int BUFFER = 64 * 1024;
    private static final Set<String> ANY_BINARY = Set.of("application/octet-stream", "binary/octet-stream",
            "application/x-download", "application/force-download");

    private final FileFetchLimits limits;
    private final Optional<Path> fileRoot;

    /**
     * @param limits the per-file limits
     * @param fileRoot the only directory {@code file:} links may point into; empty refuses every {@code file:} link
     */
    public ReferencedFileFetcher(FileFetchLimits limits, Optional<Path> fileRoot) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.fileRoot = Objects.requireNonNull(fileRoot, "fileRoot").map(p -> p.toAbsolutePath().normalize());
    }

    /** Whether files of this kind are fetched at all: documents for their text, audio and video for their tags. */
    public static boolean isFetched(MediaLink.Kind kind) {
        return switch (kind) {
            case PDF, OCR_TEXT, FILE, AUDIO, VIDEO -> true;
            default -> false;
        };
    }

    /**
     * Fetches the link's file.
     *
     * @param known the validators of the version fetched before, if any
     * @param tempDir where the temporary file goes
     */
    public FileFetch fetch(MediaLink link, Optional<FileValidators> known, Path tempDir) {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(known, "known");
        URI uri;
        try {
            uri = new URI(link.url().strip());
        } catch (URISyntaxException e) {
            return new FileFetch.Refused("BAD_URL", "not a URI: " + redacted(link.url()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        FileFetch.Extent extent = link.kind() == MediaLink.Kind.AUDIO || link.kind() == MediaLink.Kind.VIDEO
                ? FileFetch.Extent.PREFIX : FileFetch.Extent.WHOLE;
        try {
            if (scheme.equals("file")) {
                return fromFile(uri, extent, tempDir);
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return new FileFetch.Refused("BAD_URL", "only http, https and file: URLs are fetched; got: "
                        + redacted(link.url()));
            }
            return fromHttp(link.kind(), uri, extent, known, tempDir);
        } catch (IOException e) {
            return new FileFetch.Refused("UNREACHABLE", redacted(link.url()) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + redacted(e.getMessage())));
        }
    }

    private FileFetch fromFile(URI uri, FileFetch.Extent extent, Path tempDir) throws IOException {
        if (fileRoot.isEmpty()) {
            return new FileFetch.Refused("BAD_URL", "file: links are not read (no file root configured): "
                    + redacted(uri.toString()));
        }
        Path path;
        try {
            path = Path.of(uri).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            return new FileFetch.Refused("BAD_URL", "not a local file URI: " + redacted(uri.toString()));
        }
        Path root = fileRoot.get();
        // Real paths, so a symbolic link inside the root cannot lead out of it.
        if (!Files.isRegularFile(path) || !path.toRealPath().startsWith(root.toRealPath())) {
            return new FileFetch.Refused("BAD_URL", "file: link outside the file root " + root + " or not a file: "
                    + redacted(uri.toString()));
        }
        long size = Files.size(path);
        if (extent == FileFetch.Extent.WHOLE && size > limits.maxBytes()) {
            return new FileFetch.Refused("TOO_LARGE", redacted(uri.toString()) + ": " + size + " bytes > limit "
                    + limits.maxBytes());
        }
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        try (InputStream in = Files.newInputStream(path)) {
            return copy(in, uri, extent, deadline, tempDir, new FileValidators(Optional.empty(),
                    Optional.of(Files.getLastModifiedTime(path).toString()), Optional.of(size)), Optional.empty());
        }
    }

    private FileFetch fromHttp(MediaLink.Kind kind, URI start, FileFetch.Extent extent, Optional<FileValidators> known,
            Path tempDir) throws IOException {
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        URI uri = start;
        for (int redirects = 0; ; redirects++) {
            if (uri.getRawUserInfo() != null) {
                return new FileFetch.Refused("BAD_URL", "URL carries a user or password (not repeated here); host "
                        + uri.getHost());
            }
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            try {
                connection.setInstanceFollowRedirects(false);
                connection.setUseCaches(false);
                connection.setConnectTimeout((int) Math.min(limits.connectTimeout().toMillis(), remainingMillis(deadline)));
                connection.setReadTimeout((int) Math.min(limits.readTimeout().toMillis(), remainingMillis(deadline)));
                connection.setRequestProperty("User-Agent", "Shangdang/1 (referenced-file fetcher)");
                if (redirects == 0 && known.isPresent()) {
                    known.get().etag().ifPresent(e -> connection.setRequestProperty("If-None-Match", e));
                    known.get().lastModified().ifPresent(l -> connection.setRequestProperty("If-Modified-Since", l));
                }
                int status;
                try {
                    status = connection.getResponseCode();
                } catch (SocketTimeoutException e) {
                    return new FileFetch.Refused("TIMEOUT", redacted(uri.toString()) + ": no answer in time");
                }
                if (status == 304 && known.isPresent()) {
                    return new FileFetch.Unchanged(known.get());
                }
                if (status >= 300 && status < 400 && status != 304) {
                    String location = connection.getHeaderField("Location");
                    if (location == null || redirects >= limits.maxRedirects()) {
                        return new FileFetch.Refused("REDIRECTS", redacted(start.toString()) + ": more than "
                                + limits.maxRedirects() + " redirects or one without a Location");
                    }
                    URI next = uri.resolve(location.strip());
                    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                    if (!(scheme.equals("https") || (scheme.equals("http") && uri.getScheme().equalsIgnoreCase("http")))) {
                        return new FileFetch.Refused("REDIRECTS", redacted(uri.toString())
                                + ": redirect refused (only to http(s), never from https to http): " + redacted(next.toString()));
                    }
                    uri = next;
                    continue;
                }
                if (status != 200) {
                    return new FileFetch.Refused("HTTP_STATUS", redacted(uri.toString()) + ": HTTP " + status);
                }
                Optional<String> type = Optional.ofNullable(connection.getContentType())
                        .map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty());
                if (type.isPresent() && !acceptable(kind, type.get())) {
                    return new FileFetch.Refused("CONTENT_TYPE", redacted(uri.toString()) + ": served as " + type.get()
                            + ", which cannot be a " + kind.value() + " file");
                }
                long stated = connection.getContentLengthLong();
                if (extent == FileFetch.Extent.WHOLE && stated > limits.maxBytes()) {
                    return new FileFetch.Refused("TOO_LARGE", redacted(uri.toString()) + ": Content-Length " + stated
                            + " > limit " + limits.maxBytes());
                }
                FileValidators validators = new FileValidators(Optional.ofNullable(connection.getHeaderField("ETag")),
                        Optional.ofNullable(connection.getHeaderField("Last-Modified")),
                        stated >= 0 ? Optional.of(stated) : Optional.empty());
                try (InputStream in = connection.getInputStream()) {
                    return copy(in, uri, extent, deadline, tempDir, validators, type);
                } catch (SocketTimeoutException e) {
                    return new FileFetch.Refused("TIMEOUT", redacted(uri.toString()) + ": body stalled for "
                            + limits.readTimeout().toSeconds() + " s");
                }
            } finally {
                connection.disconnect();
            }
        }
    }

    private FileFetch copy(InputStream in, URI uri, FileFetch.Extent extent, long deadline, Path tempDir,
            FileValidators validators, Optional<String> type) throws IOException {
        long cap = extent == FileFetch.Extent.PREFIX ? limits.mediaPrefixBytes() : limits.maxBytes();
        Path file = Files.createTempFile(tempDir, "referenced-", suffixOf(uri));
        boolean keep = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            int n;
            FileFetch.Extent read = FileFetch.Extent.WHOLE;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, cap + 1 - total))) > 0) {
                total += n;
                if (System.nanoTime() > deadline) {
                    return new FileFetch.Refused("TIMEOUT", redacted(uri.toString()) + ": not read within "
                            + limits.deadline().toSeconds() + " s");
                }
                if (total > cap) {
                    if (extent == FileFetch.Extent.PREFIX) {
                        out.write(buffer, 0, n - 1);
                        read = FileFetch.Extent.PREFIX;
                        break;
                    }
                    return new FileFetch.Refused("TOO_LARGE", redacted(uri.toString()) + ": more than " + cap
                            + " bytes; reading stopped");
                }
                out.write(buffer, 0, n);
            }
            FileValidators measured = validators.bytes().isPresent() ? validators
                    : new FileValidators(validators.etag(), validators.lastModified(), read == FileFetch.Extent.WHOLE
                            ? Optional.of(total) : Optional.empty());
            keep = true;
            return new FileFetch.Fetched(file, measured, type, read);
        } finally {
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Keeps the extension, which Tika's detection uses besides the bytes. */
    private static String suffixOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        String suffix = dot > slash && path.length() - dot <= 6 ? path.substring(dot) : "";
        return suffix.matches("\\.[A-Za-z0-9]+") ? suffix : ".bin";
    }

    private static boolean acceptable(MediaLink.Kind kind, String type) {
        if (ANY_BINARY.contains(type)) {
            return true;
        }
        return switch (kind) {
            case PDF -> type.equals("application/pdf") || type.equals("application/x-pdf");
            case OCR_TEXT -> type.startsWith("text/") || type.equals("application/xml")
                    || type.equals("application/xhtml+xml") || type.equals("application/json");
            case AUDIO -> type.startsWith("audio/") || type.equals("application/ogg");
            case VIDEO -> type.startsWith("video/") || type.equals("application/mp4") || type.equals("application/ogg");
            // An HTML page where a file was promised is an error or login page, not the file.
            default -> !type.equals("text/html");
        };
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    /** The URL without query and fragment, which may carry signed tokens. */
    static String redacted(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut < url.length() ? url.substring(0, cut) + "?…" : url;
    }
}
