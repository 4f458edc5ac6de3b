package org.shangdang.api.oai;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import javax.xml.stream.XMLStreamException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET|POST /oai}: the OAI-PMH 2.0 endpoint (POST with {@code application/x-www-form-urlencoded}). Every
 * answer, errors included, is an OAI-PMH document with HTTP 200, as the protocol requires.
 */
@RestController
public class OaiController {

    private final OaiProvider provider;
    private final OaiProperties properties;

    public OaiController(OaiProvider provider, OaiProperties properties) {
        this.provider = provider;
        this.properties = properties;
    }

    @RequestMapping(path = "/oai", method = {RequestMethod.GET, RequestMethod.POST})
    public void oai(HttpServletRequest request, HttpServletResponse response) throws IOException, XMLStreamException {
        String baseUrl = properties.publicBaseUrl().orElseGet(() -> request.getRequestURL().toString());
        response.setContentType("text/xml;charset=UTF-8");
        OutputStream out = response.getOutputStream();
        provider.respond(request.getParameterMap(), baseUrl, out);
        out.flush();
    }
}
