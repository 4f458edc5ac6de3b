package org.shangdang.connectors.cloud;

import java.util.Objects;

/**
 * The client credentials a cloud issues to a harvesting institution. {@link #toString()} never shows the secret,
 * so that credentials can be logged or put in exception messages by mistake without leaking.
 *
 * @param clientId the client id ({@code client_id}, {@code app_key})
 * @param clientSecret the client secret ({@code client_secret}, {@code app_secret})
 */
public record CloudCredentials(String clientId, String clientSecret) {

    public CloudCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (clientId.isBlank() || clientSecret.isBlank()) {
            throw new IllegalArgumentException("client id and secret must not be blank (client id: '" + clientId + "')");
        }
    }

    @Override
    public String toString() {
        return "CloudCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
