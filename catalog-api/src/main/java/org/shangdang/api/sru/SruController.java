package org.shangdang.api.sru;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import javax.xml.stream.XMLStreamException;
import org.shangdang.api.oai.OaiProperties;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.routes.store.ChangeFeed;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET|POST /sru}: the SRU 1.2 / 2.0 server ({@link SruServer}). Always HTTP 200 with an SRU document. */
@RestController
public class SruController {

    private final SruServer server;

    public SruController(SearchIndex index, ChangeFeed feed, OaiProperties oai) {
        this.server = new SruServer(index, feed, oai.repositoryName());
    }

    @RequestMapping(path = "/sru", method = {RequestMethod.GET, RequestMethod.POST})
    public void sru(HttpServletRequest request, HttpServletResponse response) throws IOException, XMLStreamException {
        response.setContentType("text/xml;charset=UTF-8");
        OutputStream out = response.getOutputStream();
        server.respond(request.getParameterMap(), request.getServerName(), request.getServerPort(),
                request.getRequestURI(), out);
        out.flush();
    }
}
