package org.shangdang.record;

/**
 * A record failure: this one record cannot be used (bad MARC, no title, undecodable text). The job
 * puts it in the rejects store with {@link #getMessage()} as the reason and goes on.
 *
 * <p>Messages name the record and the bad value, e.g. {@code "changzhi-city:oai:lib:42: no title (200$a empty)"}.
 */
public class RecordRejectedException extends Exception {

    public RecordRejectedException(String reason) {
        super(reason);
    }

    public RecordRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
