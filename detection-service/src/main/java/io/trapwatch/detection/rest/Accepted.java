package io.trapwatch.detection.rest;

import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** 202 to a POST that started background work (a scan, a sweep): its id, its status and where to follow it. */
record Accepted(UUID id, String status, String location) {

    static Response response(String collection, UUID id, String status) {
        String location = collection + "/" + id;
        return Response.accepted(new Accepted(id, status, location)).header("Location", location).build();
    }
}
