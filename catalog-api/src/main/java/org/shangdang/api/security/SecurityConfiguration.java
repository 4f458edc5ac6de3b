package org.shangdang.api.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what over HTTP.
 * <ul>
 *   <li>Staff paths ({@link StaffPaths}: {@code /api/admin/**}, {@code /admin/**}, the actuator but for health and
 *       info, so {@code /actuator/prometheus} too) need a credential with the staff role: {@code 401 unauthorized}
 *       (with {@code WWW-Authenticate}) without one, {@code 403 forbidden} with a public one.
 *   <li>Every other path is public and read-only ({@link ReadOnlyFilter}), CORS-enabled for the configured portal
 *       origins ({@link CorsProperties}) and rate-limited on the search endpoints ({@link RateLimitFilter}).
 * </ul>
 * Stateless: no session, no cookie, hence no CSRF token; credentials come with every request ({@link CredentialFilter}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({CorsProperties.class, RateLimitProperties.class})
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String REALM = "shangdang";

    @Bean
    public JsonErrors jsonErrors(JsonMapper json) {
        return new JsonErrors(json);
    }

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, Credentials credentials, AccessProperties access,
            JsonErrors errors) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            errors.write(response, 401, "unauthorized", e.getMessage() != null && e.getMessage().endsWith("not valid")
                    ? e.getMessage()
                    : "this resource needs a staff credential: an API key (X-Api-Key or Authorization: Bearer) or HTTP Basic");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> errors.write(response, 403, "forbidden",
                "this credential may not use " + StaffPaths.pathOf(request) + "; it needs the staff role");
        http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> {})
                .addFilterAfter(new ReadOnlyFilter(access.readOnlyPostPaths(), errors), CorsFilter.class)
                .addFilterBefore(new CredentialFilter(credentials, unauthorized), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(StaffPaths::isStaff).hasAuthority(Role.STAFF.authority())
                        .anyRequest().permitAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /** CORS for the public paths only, and only for the configured origins; reads only. */
    @Bean
    public CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOriginPatterns(cors.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
        config.setAllowedHeaders(List.of("Accept", "Accept-Language", "Content-Type", CredentialFilter.API_KEY_HEADER,
                "Authorization"));
        config.setExposedHeaders(List.of("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"));
        config.setAllowCredentials(false);
        config.setMaxAge(cors.maxAge());
        return request -> cors.allowedOrigins().isEmpty() || StaffPaths.isStaff(request) ? null : config;
    }

    /** After Spring Security's filters (order -100), so the limiter knows the client's API key. */
    @Bean
    public FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitProperties limits, JsonErrors errors,
            MeterRegistry meters) {
        if (!limits.enabled()) {
            LOG.info("rate limiting of the public search endpoints is off (shangdang.rate-limit.enabled=false)");
        }
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(limits, errors, meters));
        registration.setOrder(0);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
