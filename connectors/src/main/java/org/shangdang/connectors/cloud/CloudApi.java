package org.shangdang.connectors.cloud;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.shangdang.record.RecordStatus;
import tools.jackson.databind.JsonNode;

/**
 * One cloud's API dialect: how to ask for a token and a page, and how to read what comes back. Implementations
 * are stateless and thread-safe.
 */
interface CloudApi {

    /** The token request for these credentials (URL, method, body, content type). */
    HttpRequest.Builder tokenRequest(CloudSource source);

    /** The access token in a token response that parsed as JSON. */
    AccessToken token(JsonNode body, Instant now) throws CloudJson.Invalid;

    /** The URL of a page of the resource list. */
    URI pageUrl(CloudSource source, int page, Optional<Instant> updatedSince);

    /** Adds the access token to a resource request. */
    HttpRequest.Builder authorize(HttpRequest.Builder request, String accessToken);

    /** Whether a response says the access token is missing, expired or revoked (so a fresh one may help). */
    boolean tokenRejected(int status, Optional<JsonNode> body);

    /** The cloud's own error in a response envelope (code and message), if the envelope reports one. */
    Optional<String> error(JsonNode body);

    /** The items and position of a page response. */
    Envelope page(JsonNode body, int pageAsked) throws CloudJson.Invalid;

    /** The item's id, if it has one (to name an item that is otherwise unusable). */
    Optional<String> id(JsonNode item);

    /** What the harvester needs of an item: id, update time, whether it is gone. */
    Header header(JsonNode item) throws CloudJson.Invalid;

    /** Everything the crosswalk maps. */
    CloudItem item(JsonNode item) throws CloudJson.Invalid;

    /** The items of a page, the announced total and the page after it (empty on the last). */
    record Envelope(List<JsonNode> items, long total, Optional<Integer> nextPage) {
        public Envelope {
            items = List.copyOf(items);
        }
    }

    /** An item's identity and state. */
    record Header(String id, Instant updated, RecordStatus status) {
    }
}
