package io.graygate.reporting;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;

/**
 * Draws a metric's daily trend with JFreeChart into SVG (JFreeSVG): the line, the normal range as a green
 * band and the alert threshold as a red line. The SVG is inline text: no file, no external fetch.
 */
public final class TrendChart {
    static final int WIDTH = 560;
    static final int HEIGHT = 240;
    private static final Color NORMAL = new Color(46, 160, 67, 50);
    private static final Color ALERT = new Color(200, 30, 30);
    private static final Color LINE = new Color(20, 80, 160);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private TrendChart() {
    }

    /** An {@code <svg>} element with the id {@code chart-<metric>}. */
    public static String svg(Trend trend) {
        JFreeChart chart = chart(trend);
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        // no width/height attributes (JFreeSVG writes them as decimals, which openhtmltopdf rejects): the CSS
        // of .chart svg sizes the chart, the viewBox scales it
        return g2.getSVGElement("chart-" + trend.metric(), false, new ViewBox(0, 0, WIDTH, HEIGHT),
                PreserveAspectRatio.XMID_YMID, MeetOrSlice.MEET);
    }

    private static JFreeChart chart(Trend trend) {
        TimeSeries series = new TimeSeries(trend.metric() + " (" + trend.limits().statistic() + " per day)");
        for (Trend.Point p : trend.points()) {
            series.addOrUpdate(new Day(p.day().getDayOfMonth(), p.day().getMonthValue(), p.day().getYear()), p.value());
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(trend.metric(), "day (UTC)",
                trend.limits().statistic(), new TimeSeriesCollection(series), true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.getRenderer().setSeriesPaint(0, LINE);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2.5f));
        // a count that stays at 0 gets an axis of whole numbers, not one of 1e-9 steps
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeMinimumSize(trend.limits().statistic().equals("sum") ? 1 : 1e-6);
        addLimits(plot, trend.limits());
        return chart;
    }

    private static void addLimits(XYPlot plot, MetricLimits limits) {
        if (limits.normalLow() != null && limits.normalHigh() != null) {
            IntervalMarker normal = new IntervalMarker(limits.normalLow(), limits.normalHigh(), NORMAL);
            normal.setLabel("normal");
            normal.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            normal.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(normal);
        }
        for (Double alert : new Double[] {limits.alertAbove(), limits.alertBelow()}) {
            if (alert != null) {
                ValueMarker marker = new ValueMarker(alert, ALERT, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                marker.setLabel("alert");
                marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
                plot.addRangeMarker(marker);
            }
        }
        // keep the alert line in view even when the values stay far from it
        double top = limits.alertAbove() != null ? limits.alertAbove() * 1.1 : Double.NaN;
        if (!Double.isNaN(top) && plot.getRangeAxis().getUpperBound() < top) {
            plot.getRangeAxis().setUpperBound(top);
        }
        if (limits.alertBelow() != null && plot.getRangeAxis().getLowerBound() > limits.alertBelow()) {
            plot.getRangeAxis().setLowerBound(limits.alertBelow() - (1 - limits.alertBelow()) * 0.1);
        }
    }
}
