package io.trapwatch.monitorapi.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.KlineClosedValidator;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.service.PriceProjector;
import io.trapwatch.service.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Kline-closed records (own consumer group), reduced to the latest close per series for current prices. */
@ApplicationScoped
public class KlinePriceConsumer {

    private final EventReader<KlineClosed> reader;
    private final PriceProjector projector;
    private final TransientRetry retry;

    public KlinePriceConsumer(ObjectMapper mapper, PriceProjector projector, TransientRetry retry) {
        this.reader = new EventReader<>(mapper, KlineClosed.class, KlineClosedValidator::problem);
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming(Topics.KLINE_CLOSED_IN)
    @Blocking
    public void onBars(List<String> records) {
        List<KlineClosed> bars = reader.readAll(records);
        retry.run("kline-closed batch", () -> projector.apply(bars));
    }
}
