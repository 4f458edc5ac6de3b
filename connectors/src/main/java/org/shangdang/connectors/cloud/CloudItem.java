package org.shangdang.connectors.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.Creator;
import org.shangdang.record.MediaLink;
import org.shangdang.record.ResourceKind;

/**
 * One resource item of either cloud, read out of its dialect: what the crosswalk maps.
 *
 * @param id the cloud's id of the resource
 * @param kind video, audio, e-book, lecture or activity
 * @param title the resource's title
 * @param summary its description
 * @param creators performers, authors, speakers, with the role the cloud states
 * @param publisher the organisation that published it on the cloud
 * @param county the county or district the cloud places it in (e.g. {@code 长子县}); empty when unstated
 * @param tags keywords
 * @param media cover image, playable or downloadable file, detail page
 * @param duration the running time of a video, audio or lecture
 * @param isbn the ISBN of an e-book
 * @param rights the copyright statement
 * @param published when it was published on the cloud
 * @param start when an activity starts
 * @param end when an activity ends
 * @param venue where an activity takes place (name)
 * @param address the venue's address
 * @param updated when the cloud last changed it
 */
public record CloudItem(String id, ResourceKind kind, String title, Optional<String> summary, List<Creator> creators,
        Optional<String> publisher, Optional<String> county, List<String> tags, List<MediaLink> media,
        Optional<Duration> duration, Optional<String> isbn, Optional<String> rights, Optional<Instant> published,
        Optional<Instant> start, Optional<Instant> end, Optional<String> venue, Optional<String> address,
        Instant updated) {

    public CloudItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(updated, "updated");
        creators = List.copyOf(creators);
        tags = List.copyOf(tags);
        media = List.copyOf(media);
    }
}
