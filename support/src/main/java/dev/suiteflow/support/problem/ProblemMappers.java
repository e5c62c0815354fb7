package dev.suiteflow.support.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.support.Failures;
import io.quarkus.logging.Log;

/**
 * Turns every failure of a REST call into an {@code application/problem+json} body (RFC 9457). Never a
 * stack trace, never an empty 500: an unexpected failure gets a reference that is also in the log.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = respond(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.errors());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return problem(ProblemException.validation(errors), uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response json(JsonProcessingException e, UriInfo uri) {
        return problem(ProblemException.validation(List.of(jsonError(e))), uri);
    }

    /** Takes precedence over Quarkus's own mapper, which answers with an empty body. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "Nothing is at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 406 -> "This resource cannot answer in the media type asked for";
            case 415 -> "Send the body as application/json";
            case 401 -> "Send an API key: Authorization: Bearer <key>";
            case 403 -> "Your API key's role does not allow this";
            default -> e.getMessage();
        };
        return respond(status, slug(title), title, detail, uri, List.of()).build();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthenticated(io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return respond(401, "unauthorized", "Unauthorized",
                "Send a valid API key: Authorization: Bearer <key> (or X-Api-Key: <key>)", uri, List.of())
                .header("WWW-Authenticate", "Bearer realm=\"suiteflow\"").build();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return unauthenticated(new io.quarkus.security.AuthenticationFailedException(), uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your API key's role does not allow this", uri, List.of())
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Failures.isTransient(e)) {
            Log.warnf("A dependency is unavailable while serving %s: %s", uri.getPath(), e.getMessage());
            return problem(ProblemException.unavailable(
                    "A service Suiteflow depends on (database or broker) is unavailable; retry shortly", 5), uri);
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure serving %s (reference %s)", uri.getPath(), reference);
        return respond(500, "internal", "Internal error",
                "Something went wrong on our side. Reference: " + reference, uri, List.of()).build();
    }

    private static Response.ResponseBuilder respond(int status, String slug, String title, String detail, UriInfo uri,
            List<FieldError> errors) {
        Problem body = new Problem(Problem.TYPE_BASE + slug, title, status, detail, uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    /** {@code submit.request.kinds[0]} → {@code kinds[0]}: drop the method and parameter names. */
    static String fieldName(Path path) {
        StringBuilder field = new StringBuilder();
        int index = 0;
        for (Path.Node node : path) {
            index++;
            if (node.getKind() == jakarta.validation.ElementKind.METHOD
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER
                    || node.getKind() == jakarta.validation.ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
        }
        return field.isEmpty() ? (index > 0 ? "body" : "request") : field.toString();
    }

    /** What the field should have been, in words. */
    static String expectation(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "has the wrong type or format";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a JSON array";
        }
        if (target == String.class || target.isEnum()) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "must be a number";
        }
        if (target == java.time.Instant.class) {
            return "must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z";
        }
        return "must be a JSON object";
    }

    /** The field a JSON parse or mapping failure points at, and what it should have been. */
    public static FieldError jsonError(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            return new FieldError(field.toString(), expectation(mapping));
        }
        String message = e.getOriginalMessage() == null ? "not valid JSON" : e.getOriginalMessage();
        return new FieldError("body", "is not valid JSON: " + message.replaceAll(" at \\[Source.*", "").trim());
    }
}
