package dev.suiteflow.support.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies larger than {@code suiteflow.http.max-body-bytes} with 413 and a problem body, before
 * anything reads them. (Quarkus's own, larger hard limit stops bodies sent without a length.)
 */
public class BodySizeLimit {

    @ConfigProperty(name = "suiteflow.http.max-body-bytes", defaultValue = "262144")
    long maxBytes;

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (bytes <= maxBytes) {
            return null;
        }
        Problem body = new Problem(Problem.TYPE_BASE + "payload-too-large", "Request body too large", 413,
                "The body has " + bytes + " bytes; the limit is " + maxBytes + " bytes",
                request.getUriInfo().getPath(), null);
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
