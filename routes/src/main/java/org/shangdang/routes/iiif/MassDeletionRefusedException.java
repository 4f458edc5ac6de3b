package org.shangdang.routes.iiif;

/**
 * A IIIF harvest refused to delete the records whose manifests its collections no longer list, because more than
 * the source's {@code max-deleted-share} of its stored records would go at once: more likely a collection served
 * truncated or changed by mistake than a real withdrawal. A setup failure: the job fails and nothing is deleted.
 */
public class MassDeletionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param sourceId the source
     * @param vanished how many stored, undeleted records are no longer listed
     * @param stored how many stored, undeleted records the source has
     * @param maxShare the configured largest share
     */
    public MassDeletionRefusedException(String sourceId, int vanished, int stored, double maxShare) {
        super("IIIF source " + sourceId + ": " + vanished + " of " + stored + " stored manifests ("
                + Math.round(100.0 * vanished / stored) + " %) are no longer listed by the collections; more than"
                + " max-deleted-share " + Math.round(100 * maxShare) + " % would be deleted, so none is. If the"
                + " withdrawal is intended, raise shangdang.sources[].iiif.max-deleted-share for one harvest.");
    }
}
