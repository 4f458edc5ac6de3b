package org.shangdang.connectors.cloud;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.shangdang.record.Creator;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.ResourceKind;
import tools.jackson.databind.JsonNode;

/**
 * The dialect of the Shanxi Public Culture Cloud (山西公共文化云) open API; see {@code fixtures/README.md}.
 *
 * <ul>
 *   <li>Token: {@code POST /sys/openapi/token}, JSON {@code {"app_key":…,"app_secret":…}}; answer
 *       {@code {success:true,code:200,message,result:{access_token,expires_in}}}.</li>
 *   <li>Resources: {@code GET /openapi/resource/list?current=&size=[&update_time_begin=yyyy-MM-dd HH:mm:ss]} with
 *       {@code X-Access-Token: <token>}; answer {@code {success,code,message,result:{records,total,size,current,pages}}}.</li>
 *   <li>An expired token: HTTP 200 with {@code success:false, code:401} ("Token失效，请重新登录"), or HTTP 401.</li>
 *   <li>Records: snake_case; times are Beijing local time {@code yyyy-MM-dd HH:mm:ss}; {@code res_type} codes
 *       1 视频, 2 音频, 3 电子书, 4 讲座, 5 活动; {@code del_flag} 1 means deleted; {@code duration} is
 *       {@code HH:mm:ss}; {@code keywords} are comma-separated.</li>
 * </ul>
 */
final class ShanxiCloudApi implements CloudApi {

    static final ShanxiCloudApi INSTANCE = new ShanxiCloudApi();
    /** The cloud's clock: every time it sends or takes is Beijing local time. */
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ShanxiCloudApi() {
    }

    @Override
    public HttpRequest.Builder tokenRequest(CloudSource source) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("app_key", source.credentials().clientId());
        body.put("app_secret", source.credentials().clientSecret());
        return HttpRequest.newBuilder(source.resolve("/sys/openapi/token"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CloudJson.MAPPER.writeValueAsBytes(body)));
    }

    @Override
    public AccessToken token(JsonNode body, Instant now) throws CloudJson.Invalid {
        Optional<String> error = error(body);
        if (error.isPresent()) {
            throw new CloudJson.Invalid("token refused: " + error.get());
        }
        JsonNode result = body.path("result");
        String token = CloudJson.text(result, "access_token")
                .orElseThrow(() -> new CloudJson.Invalid("token response without result.access_token"));
        long seconds = CloudJson.number(result, "expires_in")
                .orElseThrow(() -> new CloudJson.Invalid("token response without result.expires_in"));
        return new AccessToken(token, now.plusSeconds(Math.max(0, seconds)));
    }

    @Override
    public URI pageUrl(CloudSource source, int page, Optional<Instant> updatedSince) {
        return source.resolve("/openapi/resource/list?current=" + page + "&size=" + source.pageSize()
                + updatedSince.map(t -> "&update_time_begin="
                        + URLEncoder.encode(LOCAL.format(t.atZone(BEIJING)), StandardCharsets.UTF_8).replace("+", "%20"))
                        .orElse(""));
    }

    @Override
    public HttpRequest.Builder authorize(HttpRequest.Builder request, String accessToken) {
        return request.header("X-Access-Token", accessToken);
    }

    @Override
    public boolean tokenRejected(int status, Optional<JsonNode> body) {
        return status == 401 || body.filter(b -> !b.path("success").asBoolean(true) && b.path("code").asLong(0) == 401)
                .isPresent();
    }

    @Override
    public Optional<String> error(JsonNode body) {
        JsonNode success = body.path("success");
        if (!success.isBoolean()) {
            return Optional.of("no success flag in the response envelope");
        }
        if (success.booleanValue()) {
            return Optional.empty();
        }
        return Optional.of("code " + body.path("code").asString() + ": " + CloudJson.text(body, "message").orElse("(no message)"));
    }

    @Override
    public Envelope page(JsonNode body, int pageAsked) throws CloudJson.Invalid {
        JsonNode result = body.path("result");
        JsonNode records = result.path("records");
        if (!result.isObject() || !(records.isArray() || records.isNull() || records.isMissingNode())) {
            throw new CloudJson.Invalid("no result.records array in the page");
        }
        long total = CloudJson.number(result, "total").orElseThrow(() -> new CloudJson.Invalid("no result.total in the page"));
        List<JsonNode> items = new ArrayList<>(records.values());
        long size = CloudJson.number(result, "size").filter(s -> s > 0).orElse((long) Math.max(1, items.size()));
        // pages is what the cloud says; without it, the total and the size it used decide.
        long pages = CloudJson.number(result, "pages").orElse((total + size - 1) / size);
        boolean last = items.isEmpty() || pageAsked >= pages;
        return new Envelope(items, total, last ? Optional.empty() : Optional.of(pageAsked + 1));
    }

    @Override
    public Optional<String> id(JsonNode item) {
        return CloudJson.text(item, "id");
    }

    @Override
    public Header header(JsonNode item) throws CloudJson.Invalid {
        String id = CloudJson.text(item, "id").orElseThrow(() -> new CloudJson.Invalid("no id"));
        Instant updated = local(item, "update_time").orElseThrow(() -> new CloudJson.Invalid("no update_time"));
        boolean deleted = CloudJson.number(item, "del_flag").filter(f -> f == 1).isPresent();
        return new Header(id, updated, deleted ? RecordStatus.DELETED : RecordStatus.PRESENT);
    }

    @Override
    public CloudItem item(JsonNode item) throws CloudJson.Invalid {
        Header header = header(item);
        String type = CloudJson.text(item, "res_type").orElseThrow(() -> new CloudJson.Invalid("no res_type"));
        ResourceKind kind = switch (type) {
            case "1" -> ResourceKind.VIDEO;
            case "2" -> ResourceKind.AUDIO;
            case "3" -> ResourceKind.EBOOK;
            case "4" -> ResourceKind.LECTURE;
            case "5" -> ResourceKind.ACTIVITY;
            default -> throw new CloudJson.Invalid("unknown res_type '" + type
                    + "' (expected 1 视频, 2 音频, 3 电子书, 4 讲座 or 5 活动)");
        };
        String title = CloudJson.text(item, "res_name").orElseThrow(() -> new CloudJson.Invalid("no res_name (title)"));
        List<Creator> creators = new ArrayList<>();
        Optional<String> author = CloudJson.text(item, "author");
        if (author.isPresent()) {
            for (String name : author.get().split("[,，、]")) {
                if (!name.isBlank()) {
                    creators.add(Creator.of(name.strip(), kind == ResourceKind.LECTURE ? "主讲" : null));
                }
            }
        }
        List<String> tags = new ArrayList<>();
        for (String keyword : CloudJson.text(item, "keywords").orElse("").split("[,，;；]")) {
            if (!keyword.isBlank()) {
                tags.add(keyword.strip());
            }
        }
        List<MediaLink> media = new ArrayList<>();
        CloudJson.text(item, "cover_url").ifPresent(u -> media.add(MediaLink.of(MediaLink.Kind.THUMBNAIL, u)));
        CloudJson.text(item, "media_url").ifPresent(u -> media.add(MediaLink.of(
                kind == ResourceKind.AUDIO ? MediaLink.Kind.AUDIO : MediaLink.Kind.VIDEO, u)));
        Optional<String> file = CloudJson.text(item, "file_url");
        if (file.isPresent()) {
            String name = file.get().toLowerCase(Locale.ROOT);
            boolean pdf = name.endsWith(".pdf");
            Optional<String> mime = pdf ? Optional.of("application/pdf")
                    : name.endsWith(".epub") ? Optional.of("application/epub+zip") : Optional.empty();
            media.add(new MediaLink(pdf ? MediaLink.Kind.PDF : MediaLink.Kind.FILE, file.get(), Optional.empty(), mime,
                    CloudJson.number(item, "file_size")));
        }
        CloudJson.text(item, "detail_url").ifPresent(u -> media.add(MediaLink.of(MediaLink.Kind.WEB_PAGE, u)));
        return new CloudItem(header.id(), kind, title, CloudJson.text(item, "res_intro"), creators,
                CloudJson.text(item, "org_name"), CloudJson.text(item, "area_name"), tags, media,
                duration(item, "duration"), CloudJson.text(item, "isbn"), CloudJson.text(item, "copyright"),
                local(item, "publish_time"), local(item, "act_start_time"), local(item, "act_end_time"),
                CloudJson.text(item, "act_venue"), CloudJson.text(item, "act_address"), header.updated());
    }

    /** A Beijing local time {@code yyyy-MM-dd HH:mm:ss}. */
    private static Optional<Instant> local(JsonNode node, String field) throws CloudJson.Invalid {
        Optional<String> text = CloudJson.text(node, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.get(), LOCAL).atZone(BEIJING).toInstant());
        } catch (DateTimeParseException e) {
            throw new CloudJson.Invalid(field + " is not a time yyyy-MM-dd HH:mm:ss: '" + text.get() + "'");
        }
    }

    /** {@code HH:mm:ss} or {@code mm:ss}. */
    private static Optional<Duration> duration(JsonNode node, String field) throws CloudJson.Invalid {
        Optional<String> text = CloudJson.text(node, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.get().split(":");
        try {
            long seconds = 0;
            for (String part : parts) {
                seconds = seconds * 60 + Long.parseLong(part.strip());
            }
            if (parts.length < 2 || parts.length > 3 || seconds <= 0) {
                throw new NumberFormatException();
            }
            return Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            throw new CloudJson.Invalid(field + " is not a running time HH:mm:ss: '" + text.get() + "'");
        }
    }
}
