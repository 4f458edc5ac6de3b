package org.shangdang.connectors.oaipmh;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one OAI-PMH response held, as {@link OaiResponseParser} read it. */
public sealed interface OaiResponse {

    /** A ListRecords or GetRecord response. */
    record Records(OaiPage page) implements OaiResponse {
        public Records {
            Objects.requireNonNull(page, "page");
        }
    }

    /** An Identify response. */
    record Identified(Identify identify) implements OaiResponse {
        public Identified {
            Objects.requireNonNull(identify, "identify");
        }
    }

    /** A response carrying one or more OAI errors instead of a verb's result. */
    record Errors(List<OaiError> errors) implements OaiResponse {
        public Errors {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an error response holds at least one error");
            }
        }

        /** Whether any error has the given code. */
        public boolean has(String code) {
            return errors.stream().anyMatch(e -> e.code().equals(code));
        }
    }

    /**
     * A ListIdentifiers, ListSets or ListMetadataFormats response, which a record harvest does not use:
     * read for well-formedness and paging only.
     *
     * @param verb the verb element's name
     * @param itemCount how many headers, sets or formats it listed
     * @param resumptionToken the token for the next page; empty on the last page
     * @param completeListSize the announced list size, if any
     */
    record Listing(String verb, int itemCount, Optional<String> resumptionToken, Optional<Long> completeListSize)
            implements OaiResponse {
        public Listing {
            Objects.requireNonNull(verb, "verb");
            resumptionToken = resumptionToken == null ? Optional.empty() : resumptionToken;
            completeListSize = completeListSize == null ? Optional.empty() : completeListSize;
        }
    }
}
