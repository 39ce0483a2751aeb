package io.trapwatch.monitorapi.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.service.PriceProjector;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** Kline-closed records (own consumer group), reduced to the latest close per series for current prices. */
@ApplicationScoped
public class KlinePriceConsumer {

    private static final Logger LOG = Logger.getLogger(KlinePriceConsumer.class);

    private final ObjectMapper mapper;
    private final PriceProjector projector;
    private final TransientRetry retry;

    public KlinePriceConsumer(ObjectMapper mapper, PriceProjector projector, TransientRetry retry) {
        this.mapper = mapper;
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming(Topics.KLINE_CLOSED_IN)
    @Blocking
    public void onBars(List<String> records) {
        List<KlineClosed> bars = new ArrayList<>(records.size());
        for (String json : records) {
            try {
                KlineClosed bar = mapper.readValue(json, KlineClosed.class);
                if (bar == null || bar.marketType() == null || bar.symbol() == null || bar.symbol().length() > 32
                        || bar.interval() == null || bar.kline() == null) {
                    LOG.errorf("dropping incomplete kline-closed record");
                } else {
                    bars.add(bar);
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.errorf("dropping unreadable kline-closed record: %s", e.getMessage());
            }
        }
        retry.run("kline-closed batch", () -> projector.apply(bars));
    }
}
