package dev.conductor.auth.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table, built row by row.
 */
final class MarkdownTable {

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	MarkdownTable(String... header) {
		this.header = List.of(header);
	}

	MarkdownTable row(String... cells) {
		this.rows.add(List.of(cells));
		return this;
	}

	String render() {
		StringBuilder out = new StringBuilder();
		line(out, this.header);
		out.append('|');
		this.header.forEach((cell) -> out.append("---|"));
		out.append('\n');
		this.rows.forEach((row) -> line(out, row));
		return out.toString();
	}

	private static void line(StringBuilder out, List<String> cells) {
		out.append('|');
		cells.forEach((cell) -> out.append(' ').append(cell).append(" |"));
		out.append('\n');
	}

}
