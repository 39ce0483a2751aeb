package io.trapwatch.monitorapi.rest;

import io.trapwatch.service.rest.BadParameterBody;
import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.monitorapi.domain.MonitorFilter;
import io.trapwatch.monitorapi.repository.MonitorChange;
import io.trapwatch.monitorapi.service.MonitorChangeFeed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Live monitor changes as server-sent events, for the dashboard and any other subscriber. A browser's EventSource
 * reconnects by itself and sends the last id it saw as Last-Event-ID, which replays what it missed.
 */
@Path("/api/volume-trap/events")
@Tag(name = "live")
public class MonitorEventStreamResource {

    /** Browsers wait this long before reconnecting after the stream broke. */
    static final long RECONNECT_MS = 1000;

    private final MonitorChangeFeed feed;
    private final MonitorViews views;
    private final ObjectMapper mapper;

    public MonitorEventStreamResource(MonitorChangeFeed feed, MonitorViews views, ObjectMapper mapper) {
        this.feed = feed;
        this.mapper = mapper;
        this.views = views;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live monitor changes (server-sent events)", description = """
            Each monitor matching the filters that changes after the connection opened (or after Last-Event-ID) is sent \
            once per change as `event: monitor` with `id:` its change number and `data:` a MonitorChangeEvent (the \
            monitor as the list shows it). The stream opens with `event: ready` (id = the change number it starts \
            after). With Last-Event-ID, the monitors changed since are replayed first, oldest change first, each in its \
            current state; more than 500 of them and `event: resync` is sent instead (reload your view). A comment \
            line every 15 s keeps proxies from closing an idle stream. Invalid filters answer 400 JSON before the stream.""")
    @APIResponse(responseCode = "200", description = "text/event-stream of ready, monitor and resync events",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = MonitorChangeEvent.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter or Last-Event-ID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BadParameterBody.class)))
    public void events(
            @Parameter(description = "Market filter", schema = @Schema(enumeration = {"spot", "futures", "all"}, defaultValue = "all"))
            @QueryParam("market_type") String marketType,
            @Parameter(description = "Interval filter", schema = @Schema(enumeration = {"1h", "4h", "1d"}))
            @QueryParam("interval") String interval,
            @Parameter(description = "Exact Binance symbol (case-insensitive)", schema = @Schema(pattern = "[A-Za-z0-9]{2,32}"))
            @QueryParam("symbol") String symbol,
            @Parameter(description = "Statuses after the change, comma-separated; not given = every status")
            @QueryParam("status") String status,
            @Parameter(description = "Resume after this change number (browsers send it by themselves on reconnect)")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) throws SQLException {
        MonitorFilter filter = new MonitorFilter(RequestParameters.marketTypeOrAll(marketType), ListParams.statuses(status),
                RequestParameters.interval(interval), RequestParameters.symbol("symbol", symbol), Optional.empty(), Optional.empty());
        OptionalLong resumeAfter = resumePoint(lastEventId);
        feed.subscribe(filter, resumeAfter, new SseListener(sink, sse));
    }

    private static OptionalLong resumePoint(String lastEventId) {
        Optional<String> given = RequestParameters.given(lastEventId);
        if (given.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong id = RequestParameters.wholeNumber(given.get(), 0);
        if (id.isEmpty()) {
            throw new BadParameterException("Last-Event-ID", "Last-Event-ID must be a change number this stream sent",
                    List.of("an integer from 0"), lastEventId);
        }
        return id;
    }

    /** Writes the feed's calls to one client's stream; a closed stream throws, which ends the subscription. */
    private final class SseListener implements MonitorChangeFeed.Listener {
        private final SseEventSink sink;
        private final Sse sse;

        SseListener(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public void ready(long sequence) {
            send(event("ready", sequence, "{\"after\":" + sequence + "}"));
        }

        @Override
        public void changed(List<MonitorChange> changes) {
            for (MonitorChange c : changes) {
                send(event("monitor", c.sequence(), json(new MonitorChangeEvent(c.sequence(), c.monitor().version(),
                        // a state change carries no outcome: outcomes follow bars, see /backtest/{id}/
                        views.summary(c.monitor(), null)))));
            }
        }

        @Override
        public void resync(long sequence) {
            send(event("resync", sequence, "{\"after\":" + sequence + "}"));
        }

        @Override
        public void heartbeat() {
            send(sse.newEventBuilder().comment("keep-alive").build());
        }

        private OutboundSseEvent event(String name, long id, String data) {
            return sse.newEventBuilder().name(name).id(Long.toString(id)).reconnectDelay(RECONNECT_MS)
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, data).build();
        }

        private void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                throw new IllegalStateException("client went away");
            }
            sink.send(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    sink.close();
                }
            });
        }

        private String json(Object value) {
            try {
                return mapper.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
