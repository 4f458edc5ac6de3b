package org.shangdang.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the public paths read-only: anything but GET, HEAD and OPTIONS (and POST on the configured
 * read-only POST paths, such as OAI-PMH's) is answered {@code 405 method_not_allowed} with an {@code Allow}
 * header, before any controller is reached.
 *
 * <p>On staff paths, a write sent by a browser from another site ({@code Sec-Fetch-Site: cross-site}, or an
 * {@code Origin} other than this server's) is refused {@code 403 cross_site_request}: a browser may replay a
 * staff member's cached Basic credentials on such a request, so this guards the staff API against forged
 * requests without sessions or CSRF tokens. Thread-safe.
 */
public final class ReadOnlyFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<String> readOnlyPostPaths;
    private final JsonErrors errors;

    public ReadOnlyFilter(List<String> readOnlyPostPaths, JsonErrors errors) {
        this.readOnlyPostPaths = List.copyOf(readOnlyPostPaths);
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        String path = StaffPaths.pathOf(request);
        if (READS.contains(method)) {
            chain.doFilter(request, response);
        } else if (StaffPaths.isStaff(path)) {
            if (isCrossSite(request)) {
                errors.write(response, HttpServletResponse.SC_FORBIDDEN, "cross_site_request",
                        "a " + method + " to " + path + " from another site is refused; staff tools call it directly");
                return;
            }
            chain.doFilter(request, response);
        } else if (method.equals("POST") && readOnlyPostPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
            chain.doFilter(request, response);
        } else {
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
            errors.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed",
                    "method " + method + " is not allowed on " + path + "; the public API is read-only");
        }
    }

    private static boolean isCrossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String self = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        return !origin.equalsIgnoreCase(self) && !"same-origin".equalsIgnoreCase(fetchSite);
    }
}
