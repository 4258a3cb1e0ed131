package dev.conductor.auth.benchmarks.report;

/**
 * A part of the report: its bullet in the summary and its body.
 *
 * @param summary the summary bullet(s), Markdown
 * @param body the section, Markdown
 */
record Section(String summary, String body) {
}
