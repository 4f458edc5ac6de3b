package org.shangdang.routes.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client of one source: the shared client, with the source's {@link Throttle} before every request
 * (retries and Identify included, since the connectors send them all through here) and its
 * {@code Authorization} header on every request. Connectors take it as a plain {@link HttpClient}, so they need
 * not know about either.
 *
 * <p>Thread-safe. The header value is never logged and not part of {@link #toString()}.
 */
final class SourceHttpClient extends HttpClient {

    private final String sourceId;
    private final HttpClient delegate;
    private final Optional<Throttle> throttle;
    private final Optional<String> authorization;

    SourceHttpClient(String sourceId, HttpClient delegate, Optional<Throttle> throttle, Optional<String> authorization) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.authorization = Objects.requireNonNull(authorization, "authorization");
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (throttle.isPresent()) {
            throttle.get().acquire();
        }
        return delegate.send(authorized(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        // The connectors send synchronously; an asynchronous caller is throttled too, waiting on a pool thread.
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (throttle.isPresent()) {
                    throttle.get().acquire();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CompletionException(e);
            }
            return null;
        }).thenCompose(ignored -> delegate.sendAsync(authorized(request), handler, pushPromiseHandler));
    }

    private HttpRequest authorized(HttpRequest request) {
        if (authorization.isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .setHeader("Authorization", authorization.get())
                .build();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public String toString() {
        return "SourceHttpClient[" + sourceId + ", throttle " + throttle.map(t -> t.interval().toMillis() + " ms")
                .orElse("none") + ", " + (authorization.isPresent() ? "authenticated" : "anonymous") + "]";
    }
}
