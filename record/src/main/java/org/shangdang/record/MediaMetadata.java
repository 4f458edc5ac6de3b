package org.shangdang.record;

import java.time.Duration;
import java.util.Optional;

/**
 * What Tika read from an audio or video file a record links to. Immutable.
 *
 * @param title the title tag (ID3 {@code TIT2}, Vorbis {@code TITLE}…), e.g. {@code 三关排宴（选段）}
 * @param artist the artist tag, e.g. {@code 郝聘之}
 * @param duration the playing time, where the file's header or frames give it
 */
public record MediaMetadata(Optional<String> title, Optional<String> artist, Optional<Duration> duration) {

    public MediaMetadata {
        title = title == null ? Optional.empty() : title.map(String::strip).filter(t -> !t.isEmpty());
        artist = artist == null ? Optional.empty() : artist.map(String::strip).filter(a -> !a.isEmpty());
        duration = duration == null ? Optional.empty() : duration.filter(d -> !d.isNegative());
    }

    /** Whether nothing was read (not named {@code isEmpty}, which JSON mappers would write as a property). */
    public boolean nothingRead() {
        return title.isEmpty() && artist.isEmpty() && duration.isEmpty();
    }
}
