package org.shangdang.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the staff dashboard ({@code static/admin/}) at {@code /admin/}: static resources have no directory
 * index outside the root, so {@code /admin/} forwards to its {@code index.html} and {@code /admin} redirects there
 * (the page's relative links need the trailing slash). Who may see it is decided before, by
 * {@link org.shangdang.api.security.SecurityConfiguration}: {@code /admin/**} is a staff path.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/admin", "/admin/");
        registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
    }
}
