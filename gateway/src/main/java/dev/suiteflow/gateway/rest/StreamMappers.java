package dev.suiteflow.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 204 for a stream with nothing left to send: EventSource stops reconnecting on it. */
public class StreamMappers {

    /** Thrown before a suite's stream starts when the suite is final and nothing is left after Last-Event-ID. */
    public static class NothingLeft extends RuntimeException {

        public NothingLeft() {
            super("nothing left to stream", null, false, false);
        }
    }

    @ServerExceptionMapper
    public Response nothingLeft(NothingLeft e) {
        return Response.noContent().build();
    }
}
