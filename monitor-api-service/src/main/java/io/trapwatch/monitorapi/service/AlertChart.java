package io.trapwatch.monitorapi.service;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.monitorapi.client.KlineBar;
import io.trapwatch.monitorapi.client.MarketDataReader;
import io.trapwatch.monitorapi.client.MarketDataFailure;
import io.trapwatch.monitorapi.domain.AlertPayload;
import io.trapwatch.monitorapi.domain.ChartWindow;
import io.trapwatch.monitorapi.repository.MonitorReadRepository;
import io.trapwatch.monitorapi.repository.TransitionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.CandlestickRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultHighLowDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The chart attached to a Telegram alert: candlesticks of the bars around the monitor (the chart-data window, from
 * market-data-service's REST API), the trigger close as a horizontal line, and a labelled vertical marker on the
 * trigger bar and on the bar of every transition up to the announced one. Rendered as PNG (headless).
 */
@ApplicationScoped
public class AlertChart {

    private static final Logger LOG = Logger.getLogger(AlertChart.class);
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final MarketDataReader bars;
    private final MonitorReadRepository monitors;

    public AlertChart(MarketDataReader bars, MonitorReadRepository monitors) {
        this.bars = bars;
        this.monitors = monitors;
    }

    /** Empty when there are no bars or market-data-service cannot serve them: the alert then goes out as text. */
    public Optional<byte[]> png(AlertPayload alert) {
        Interval interval = Interval.fromWire(alert.interval());
        ChartWindow window = ChartWindow.around(alert.triggerTime(), interval);
        List<KlineBar> found;
        List<TransitionRecord> log;
        try {
            found = bars.bars(MarketType.fromWire(alert.marketType()), alert.symbol(), interval, window.start(),
                    window.end(), window.maxBars());
            log = monitors.transitions(alert.monitorId());
        } catch (MarketDataFailure | SQLException e) {
            LOG.warnf("no chart for %s: %s", alert.monitorKey(), e.getMessage());
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ChartUtils.encodeAsPNG(chart(alert, found, log).createBufferedImage(WIDTH, HEIGHT)));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("chart of %s could not be rendered: %s", alert.monitorKey(), e.getMessage());
            return Optional.empty();
        }
    }

    private static JFreeChart chart(AlertPayload alert, List<KlineBar> found, List<TransitionRecord> log) {
        int n = found.size();
        Date[] times = new Date[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            KlineBar b = found.get(i);
            times[i] = Date.from(b.openTime());
            open[i] = Double.parseDouble(b.open());
            high[i] = Double.parseDouble(b.high());
            low[i] = Double.parseDouble(b.low());
            close[i] = Double.parseDouble(b.close());
            volume[i] = Double.parseDouble(b.volume());
        }
        String title = alert.marketType() + " " + alert.symbol() + " " + alert.interval() + " — " + alert.status();
        JFreeChart chart = ChartFactory.createCandlestickChart(title, "UTC", "price",
                new DefaultHighLowDataset(alert.symbol(), times, high, low, open, close, volume), false);
        XYPlot plot = chart.getXYPlot();
        ((DateAxis) plot.getDomainAxis()).setTimeZone(TimeZone.getTimeZone("UTC"));
        plot.getRangeAxis().setAutoRange(true);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        CandlestickRenderer renderer = (CandlestickRenderer) plot.getRenderer();
        renderer.setUpPaint(new Color(0x26a69a));
        renderer.setDownPaint(new Color(0xef5350));
        renderer.setUseOutlinePaint(false);

        ValueMarker level = new ValueMarker(Double.parseDouble(alert.triggerPrice()), Color.GRAY,
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));
        level.setLabel("trigger close " + alert.triggerPrice());
        level.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        level.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(level);
        plot.addDomainMarker(timeMarker(alert.triggerTime().toEpochMilli(), "trigger", new Color(0xff9800)));
        for (TransitionRecord t : log) {
            if (t.sequence() > 1 && t.sequence() <= alert.sequence()) {
                plot.addDomainMarker(timeMarker(t.barTime().toEpochMilli(), t.reason(),
                        t.sequence() == alert.sequence() ? new Color(0x1e88e5) : new Color(0x90a4ae)));
            }
        }
        return chart;
    }

    private static ValueMarker timeMarker(long millis, String label, Color color) {
        ValueMarker marker = new ValueMarker(millis, color, new BasicStroke(1.5f));
        marker.setLabel(label);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return marker;
    }
}
