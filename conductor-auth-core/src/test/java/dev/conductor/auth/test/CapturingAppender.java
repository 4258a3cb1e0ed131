package dev.conductor.auth.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * Keeps the text of every log event (message, arguments, exception chain and MDC) until
 * {@link #drain()} takes it. Configured in {@code logback-test.xml} on the root logger at
 * TRACE, so that it sees everything the code under test logs.
 */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {

	private static final List<Line> lines = new ArrayList<>();

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLoggerName().startsWith("wiremock.")
				|| event.getLoggerName().startsWith("com.github.tomakehurst")) {
			// the fake server legitimately sees the secret: what it logs is not ours
			return;
		}
		StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
		IThrowableProxy thrown = event.getThrowableProxy();
		if (thrown != null) {
			text.append('\n').append(ThrowableProxyUtil.asString(thrown));
		}
		for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
			text.append(' ').append(entry.getKey()).append('=').append(entry.getValue());
		}
		synchronized (lines) {
			lines.add(new Line(event.getLevel(), text.toString()));
		}
	}

	/**
	 * Return what was logged since the last {@link #drain()}, and keep it.
	 */
	public static List<String> lines() {
		synchronized (lines) {
			return lines.stream().map(Line::text).toList();
		}
	}

	/**
	 * Return what was logged at WARN or above since the last {@link #drain()}, and keep
	 * it.
	 */
	public static List<String> warnings() {
		synchronized (lines) {
			return lines.stream().filter((line) -> line.level().isGreaterOrEqual(Level.WARN)).map(Line::text).toList();
		}
	}

	/**
	 * Return what was logged since the last call, and forget it.
	 */
	public static List<String> drain() {
		synchronized (lines) {
			List<String> drained = lines.stream().map(Line::text).toList();
			lines.clear();
			return drained;
		}
	}

	private record Line(Level level, String text) {
	}

}
