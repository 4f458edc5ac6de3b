package org.shangdang.connectors.cloud;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shangdang.record.Creator;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.ResourceKind;
import tools.jackson.databind.JsonNode;

/**
 * The dialect of the National Public Culture Cloud (国家公共文化云) open API; see {@code fixtures/README.md}.
 *
 * <ul>
 *   <li>Token: {@code POST /oauth2/token}, form {@code grant_type=client_credentials&client_id=…&client_secret=…};
 *       answer {@code {code:0,msg,data:{accessToken,tokenType,expiresIn}}} ({@code expiresIn} in seconds).</li>
 *   <li>Resources: {@code GET /open/v1/resources?pageNo=&pageSize=[&updatedSince=<epoch ms>]} with
 *       {@code Authorization: Bearer <token>}; answer {@code {code:0,msg,data:{total,pageNo,pageSize,list:[…]}}}.</li>
 *   <li>An expired or revoked token: HTTP 401 with {@code code} 40101 or 40102 (some gateways answer 200 with the
 *       code, which counts too).</li>
 *   <li>Items: camelCase; times are epoch milliseconds; {@code resourceType} VIDEO, AUDIO, EBOOK, LECTURE,
 *       ACTIVITY; {@code status} OFFLINE means taken down (a deletion).</li>
 * </ul>
 */
final class NationalCloudApi implements CloudApi {

    static final NationalCloudApi INSTANCE = new NationalCloudApi();

    private NationalCloudApi() {
    }

    @Override
    public HttpRequest.Builder tokenRequest(CloudSource source) {
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(source.credentials().clientId())
                + "&client_secret=" + encode(source.credentials().clientSecret());
        return HttpRequest.newBuilder(source.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    @Override
    public AccessToken token(JsonNode body, Instant now) throws CloudJson.Invalid {
        Optional<String> error = error(body);
        if (error.isPresent()) {
            throw new CloudJson.Invalid("token refused: " + error.get());
        }
        JsonNode data = body.path("data");
        String token = CloudJson.text(data, "accessToken")
                .orElseThrow(() -> new CloudJson.Invalid("token response without data.accessToken"));
        long seconds = CloudJson.number(data, "expiresIn")
                .orElseThrow(() -> new CloudJson.Invalid("token response without data.expiresIn"));
        return new AccessToken(token, now.plusSeconds(Math.max(0, seconds)));
    }

    @Override
    public URI pageUrl(CloudSource source, int page, Optional<Instant> updatedSince) {
        return source.resolve("/open/v1/resources?pageNo=" + page + "&pageSize=" + source.pageSize()
                + updatedSince.map(t -> "&updatedSince=" + t.toEpochMilli()).orElse(""));
    }

    @Override
    public HttpRequest.Builder authorize(HttpRequest.Builder request, String accessToken) {
        return request.header("Authorization", "Bearer " + accessToken);
    }

    @Override
    public boolean tokenRejected(int status, Optional<JsonNode> body) {
        long code = body.map(b -> b.path("code").asLong(0)).orElse(0L);
        return status == 401 || code == 40101 || code == 40102;
    }

    @Override
    public Optional<String> error(JsonNode body) {
        JsonNode code = body.path("code");
        if (code.isMissingNode()) {
            return Optional.of("no code in the response envelope");
        }
        if (code.asLong(-1) == 0) {
            return Optional.empty();
        }
        return Optional.of("code " + code.asString() + ": " + CloudJson.text(body, "msg").orElse("(no msg)"));
    }

    @Override
    public Envelope page(JsonNode body, int pageAsked) throws CloudJson.Invalid {
        JsonNode data = body.path("data");
        JsonNode list = data.path("list");
        if (!data.isObject() || !(list.isArray() || list.isNull() || list.isMissingNode())) {
            throw new CloudJson.Invalid("no data.list array in the page");
        }
        long total = CloudJson.number(data, "total").orElseThrow(() -> new CloudJson.Invalid("no data.total in the page"));
        long pageSize = CloudJson.number(data, "pageSize").filter(s -> s > 0).orElse(0L);
        List<JsonNode> items = new ArrayList<>(list.values());
        // The page size the cloud used, not the one asked for, says where the list ends.
        long size = pageSize > 0 ? pageSize : items.size();
        boolean last = items.isEmpty() || (long) pageAsked * size >= total;
        return new Envelope(items, total, last ? Optional.empty() : Optional.of(pageAsked + 1));
    }

    @Override
    public Optional<String> id(JsonNode item) {
        return CloudJson.text(item, "resourceId");
    }

    @Override
    public Header header(JsonNode item) throws CloudJson.Invalid {
        String id = CloudJson.text(item, "resourceId").orElseThrow(() -> new CloudJson.Invalid("no resourceId"));
        Instant updated = millis(item, "updateTime").orElseThrow(() -> new CloudJson.Invalid("no updateTime"));
        boolean offline = CloudJson.text(item, "status").filter(s -> s.equalsIgnoreCase("OFFLINE")).isPresent();
        return new Header(id, updated, offline ? RecordStatus.DELETED : RecordStatus.PRESENT);
    }

    @Override
    public CloudItem item(JsonNode item) throws CloudJson.Invalid {
        Header header = header(item);
        String type = CloudJson.text(item, "resourceType").orElseThrow(() -> new CloudJson.Invalid("no resourceType"));
        ResourceKind kind = switch (type) {
            case "VIDEO" -> ResourceKind.VIDEO;
            case "AUDIO" -> ResourceKind.AUDIO;
            case "EBOOK" -> ResourceKind.EBOOK;
            case "LECTURE" -> ResourceKind.LECTURE;
            case "ACTIVITY" -> ResourceKind.ACTIVITY;
            default -> throw new CloudJson.Invalid("unknown resourceType '" + type
                    + "' (expected VIDEO, AUDIO, EBOOK, LECTURE or ACTIVITY)");
        };
        String title = CloudJson.text(item, "title").orElseThrow(() -> new CloudJson.Invalid("no title"));
        List<Creator> creators = new ArrayList<>();
        for (JsonNode creator : item.path("creators").values()) {
            CloudJson.text(creator, "name").ifPresent(n -> creators.add(Creator.of(n, CloudJson.text(creator, "role").orElse(null))));
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : item.path("tags").values()) {
            if (tag.isString() && !tag.stringValue().isBlank()) {
                tags.add(tag.stringValue().strip());
            }
        }
        JsonNode ebook = item.path("ebook");
        JsonNode activity = item.path("activity");
        List<MediaLink> media = new ArrayList<>();
        CloudJson.text(item, "coverUrl").ifPresent(u -> media.add(MediaLink.of(MediaLink.Kind.THUMBNAIL, u)));
        Optional<String> play = CloudJson.text(item, "playUrl");
        if (play.isPresent()) {
            MediaLink.Kind playKind = kind == ResourceKind.AUDIO ? MediaLink.Kind.AUDIO : MediaLink.Kind.VIDEO;
            media.add(new MediaLink(playKind, play.get(), Optional.empty(), CloudJson.text(item, "mimeType"), Optional.empty()));
        }
        Optional<String> file = CloudJson.text(ebook, "fileUrl");
        if (file.isPresent()) {
            String format = CloudJson.text(ebook, "fileFormat").orElse("PDF");
            boolean pdf = format.equalsIgnoreCase("PDF");
            Optional<String> mime = pdf ? Optional.of("application/pdf")
                    : format.equalsIgnoreCase("EPUB") ? Optional.of("application/epub+zip") : Optional.empty();
            media.add(new MediaLink(pdf ? MediaLink.Kind.PDF : MediaLink.Kind.FILE, file.get(), Optional.empty(), mime,
                    CloudJson.number(ebook, "fileSize")));
        }
        CloudJson.text(item, "detailUrl").ifPresent(u -> media.add(MediaLink.of(MediaLink.Kind.WEB_PAGE, u)));
        Optional<Duration> duration = CloudJson.number(item, "duration").filter(s -> s > 0).map(Duration::ofSeconds);
        return new CloudItem(header.id(), kind, title, CloudJson.text(item, "summary"), creators,
                CloudJson.text(item, "publisher"), CloudJson.text(item.path("region"), "countyName"), tags, media,
                duration, CloudJson.text(ebook, "isbn"), CloudJson.text(item, "copyright"), millis(item, "publishTime"),
                millis(activity, "startTime"), millis(activity, "endTime"), CloudJson.text(activity, "venueName"),
                CloudJson.text(activity, "venueAddress"), header.updated());
    }

    private static Optional<Instant> millis(JsonNode node, String field) throws CloudJson.Invalid {
        Optional<Long> value = CloudJson.number(node, field);
        return value.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value.get()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
