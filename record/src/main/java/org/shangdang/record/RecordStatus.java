package org.shangdang.record;

/** Whether a source still holds a record, or has told us it was deleted (OAI-PMH {@code status="deleted"}). */
public enum RecordStatus {
    PRESENT,
    DELETED
}
