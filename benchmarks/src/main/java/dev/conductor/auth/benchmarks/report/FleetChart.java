package dev.conductor.auth.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import dev.conductor.auth.benchmarks.fleet.FleetResult;
import dev.conductor.auth.benchmarks.fleet.FleetScenario;
import dev.conductor.auth.benchmarks.fleet.FleetSide;

/**
 * The chart of the fleet: token calls per second around each outage, one panel per
 * outage, every side on each, the outage shaded. Seconds and minutes are the
 * application's.
 */
public final class FleetChart {

	/**
	 * The chart's file name, which the report links to.
	 */
	public static final String FILE_NAME = "fleet-token-calls.png";

	private static final Map<FleetSide, Color> COLORS = Map.of(FleetSide.OURS, new Color(0x1f, 0x77, 0xb4),
			FleetSide.OURS_SELF_HEALING, new Color(0x2c, 0xa0, 0x2c), FleetSide.THEIRS, new Color(0xd6, 0x27, 0x28));

	private static final List<FleetSide> ORDER = List.of(FleetSide.THEIRS, FleetSide.OURS, FleetSide.OURS_SELF_HEALING);

	private static final int WIDTH = 1000;

	private static final int PANEL_HEIGHT = 330;

	private static final int TITLE_HEIGHT = 70;

	private FleetChart() {
	}

	/**
	 * Draw the chart into a PNG file.
	 * @param results the fleet's results
	 * @param png the file
	 */
	public static void write(FleetScenario.Results results, Path png) {
		List<Duration> outages = results.settings().outages();
		BufferedImage image = new BufferedImage(WIDTH, TITLE_HEIGHT + PANEL_HEIGHT * outages.size(),
				BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		JFreeChart title = new JFreeChart(
				"Token calls per second, " + results.settings().instances()
						+ " instances a side, around each outage of the token endpoint",
				JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(), false);
		title.getPlot().setOutlineVisible(false);
		title.addSubtitle(new TextTitle("Time is the application's (the run went " + results.settings().speedUp()
				+ " times faster); the shaded band is the outage. The fleet scenario of RESULTS.md."));
		title.setBackgroundPaint(Color.WHITE);
		title.draw(graphics, new Rectangle2D.Double(0, 0, WIDTH, TITLE_HEIGHT));
		for (int i = 0; i < outages.size(); i++) {
			panel(results, outages.get(i)).draw(graphics,
					new Rectangle2D.Double(0, TITLE_HEIGHT + i * PANEL_HEIGHT, WIDTH, PANEL_HEIGHT));
		}
		graphics.dispose();
		try (OutputStream out = Files.newOutputStream(png)) {
			ChartUtils.writeBufferedImageAsPNG(out, image);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JFreeChart panel(FleetScenario.Results results, Duration outage) {
		XYSeriesCollection data = new XYSeriesCollection();
		XYStepRenderer renderer = new XYStepRenderer();
		for (FleetSide side : ORDER) {
			FleetResult result = results.of(side, outage);
			XYSeries series = new XYSeries(side.title().replace("`", ""), false, true);
			int[] perSecond = result.perSecond();
			for (int second = 0; second < perSecond.length; second++) {
				series.add((result.chartFrom() + second) / 60.0, perSecond[second]);
			}
			renderer.setSeriesPaint(data.getSeriesCount(), COLORS.get(side));
			renderer.setSeriesStroke(data.getSeriesCount(), new BasicStroke(1.2f));
			data.addSeries(series);
		}
		NumberAxis time = new NumberAxis("minutes from the start of the outage");
		time.setAutoRangeIncludesZero(false);
		NumberAxis calls = new NumberAxis("token calls per second");
		calls.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		XYPlot plot = new XYPlot(data, time, calls, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		IntervalMarker down = new IntervalMarker(0, outage.toSeconds() / 60.0, new Color(0xff, 0xd7, 0x00, 0x40),
				new BasicStroke(1f), null, null, 1f);
		down.setLabel("endpoint down " + Format.duration(outage));
		down.setLabelAnchor(RectangleAnchor.TOP_LEFT);
		down.setLabelTextAnchor(TextAnchor.TOP_LEFT);
		down.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		down.setLabelBackgroundColor(new Color(255, 255, 255, 0));
		plot.addDomainMarker(down, Layer.BACKGROUND);
		JFreeChart chart = new JFreeChart("Outage of " + Format.duration(outage),
				new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
		chart.setBackgroundPaint(Color.WHITE);
		return chart;
	}

}
