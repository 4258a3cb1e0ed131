package dev.conductor.auth.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import dev.conductor.auth.benchmarks.scenario.RefreshStall;
import dev.conductor.auth.benchmarks.scenario.RequestRecord;
import dev.conductor.auth.benchmarks.scenario.Side;

/**
 * The chart of the refresh stall: every request from 2 s before to 3 s after the token
 * call, at its start, by its latency; ours and theirs on one plot, the token call shaded.
 */
public final class LatencyChart {

	private static final Color OURS = new Color(0x1f, 0x77, 0xb4, 0xb0);

	private static final Color THEIRS = new Color(0xd6, 0x27, 0x28, 0xb0);

	private LatencyChart() {
	}

	/**
	 * Draw the chart into a PNG file.
	 * @param results the refresh stall's results by side
	 * @param png the file
	 */
	public static void write(Map<Side, RefreshStall.Result> results, Path png) {
		XYSeriesCollection data = new XYSeriesCollection();
		data.addSeries(series(Side.OURS, results.get(Side.OURS).chart()));
		data.addSeries(series(Side.THEIRS, results.get(Side.THEIRS).chart()));
		NumberAxis time = new NumberAxis("request start, seconds from the token call");
		time.setRange(-2, 3);
		NumberAxis latency = new NumberAxis("request latency, ms");
		latency.setAutoRangeIncludesZero(true);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
		Ellipse2D.Double dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
		renderer.setSeriesShape(0, dot);
		renderer.setSeriesShape(1, dot);
		renderer.setSeriesPaint(0, OURS);
		renderer.setSeriesPaint(1, THEIRS);
		XYPlot plot = new XYPlot(data, time, latency, renderer);
		// theirs on top: where only ours has dots (while their callers wait), ours shows
		plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		IntervalMarker call = new IntervalMarker(0, RefreshStall.TOKEN_LATENCY.toMillis() / 1000.0,
				new Color(0xff, 0xd7, 0x00, 0x40), new BasicStroke(1f), null, null, 1f);
		call.setLabel("token endpoint answering (" + RefreshStall.TOKEN_LATENCY.toMillis() + " ms)");
		call.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
		call.setLabelTextAnchor(TextAnchor.TOP_LEFT);
		call.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		call.setLabelBackgroundColor(new Color(255, 255, 255, 0));
		plot.addDomainMarker(call, Layer.BACKGROUND);
		JFreeChart chart = new JFreeChart("Request latency around a token refresh", JFreeChart.DEFAULT_TITLE_FONT, plot,
				true);
		chart.addSubtitle(new TextTitle(
				"8 threads polling a Conductor API that answers in 10 ms. Each dot is one request, at the time it started: "
						+ "a gap means no thread started one. The refresh stall scenario of RESULTS.md."));
		chart.setBackgroundPaint(Color.WHITE);
		try {
			ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 560);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static XYSeries series(Side side, List<RequestRecord> records) {
		XYSeries series = new XYSeries(side.title(), false, true);
		for (RequestRecord record : records) {
			series.add(record.startNanos() / 1e9, record.latencyNanos() / 1e6);
		}
		return series;
	}

}
