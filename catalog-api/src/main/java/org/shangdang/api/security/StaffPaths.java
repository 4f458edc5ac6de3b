package org.shangdang.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** The paths that belong to staff; everything else is public and read-only. */
public final class StaffPaths {

    /** The staff API. */
    public static final String API = "/api/admin/";
    /** The staff dashboard. */
    public static final String DASHBOARD = "/admin/";
    /** The actuator, but for its public health and info endpoints. */
    public static final String ACTUATOR = "/actuator/";

    private static final List<String> PUBLIC_ACTUATOR = List.of("/actuator/health", "/actuator/info");

    private StaffPaths() {}

    /** Whether the request is for a staff path (the staff API, the dashboard or a non-public actuator endpoint). */
    public static boolean isStaff(HttpServletRequest request) {
        return isStaff(pathOf(request));
    }

    /** Whether this path (without the context path) is a staff path. */
    public static boolean isStaff(String path) {
        if (path.equals("/api/admin") || path.startsWith(API) || path.equals("/admin") || path.startsWith(DASHBOARD)) {
            return true;
        }
        if (path.startsWith(ACTUATOR)) {
            return PUBLIC_ACTUATOR.stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        }
        return false;
    }

    /** The request's path within the application. */
    public static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
