package dev.conductor.auth.benchmarks.report;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.benchmarks.jmh.JmhSuite.Score;

/**
 * The steady-state benchmarks: reading a valid token, and a whole request answered in
 * memory with and without authentication. The rows of ours alone (a manager built from a
 * token source, the token in OAuth2's shape) show only when their benchmarks ran.
 */
final class JmhSection {

	private static final double TIME_RELATIVE = 0.10;

	private static final double BYTES_RELATIVE = 0.10;

	private static final double BYTES_ABSOLUTE = 32;

	private JmhSection() {
	}

	static Section render(Map<String, Score> jmh, Shortfalls shortfalls) {
		Score oursToken = jmh.get("TokenReadBenchmark.oursGetToken");
		Score oursAsync = jmh.get("TokenReadBenchmark.oursGetTokenIfValid");
		Score theirsToken = jmh.get("TokenReadBenchmark.theirsGetToken");
		Score theirsHeaders = jmh.get("TokenReadBenchmark.theirsHeaderSupplier");
		Score sourceToken = jmh.get("TokenReadBenchmark.oursFromSourceGetToken");
		Score sourceIfValid = jmh.get("TokenReadBenchmark.oursFromSourceGetTokenIfValid");
		Score restPlain = jmh.get("RestClientBenchmark.noAuth");
		Score restFixed = jmh.get("RestClientBenchmark.fixedHeaderInterceptor");
		Score restOurs = jmh.get("RestClientBenchmark.conductorAuthInterceptor");
		Score restBearer = jmh.get("RestClientBenchmark.conductorAuthInterceptorBearer");
		Score webPlain = jmh.get("WebClientBenchmark.noAuth");
		Score webFixed = jmh.get("WebClientBenchmark.fixedHeaderFilter");
		Score webOurs = jmh.get("WebClientBenchmark.conductorAuthExchangeFilter");
		Score webBearer = jmh.get("WebClientBenchmark.conductorAuthExchangeFilterBearer");
		Score officialPlain = jmh.get("OfficialClientBenchmark.noAuth");
		Score officialFixed = jmh.get("OfficialClientBenchmark.fixedHeaderSupplier");
		Score officialAuth = jmh.get("OfficialClientBenchmark.credentials");
		Score officialOurs = jmh.get("OfficialClientBenchmark.conductorAuth");
		StringBuilder body = new StringBuilder();
		body.append("## 1. Steady state (JMH)\n\n");
		body.append("A valid token exists; nothing touches the network. Single thread, ")
			.append(Format.count(oursToken.forks(), "fork"))
			.append(" for reading the token and ")
			.append(Format.count(restOurs.forks(), "fork"))
			.append(" for a whole request (its figures are the mean of the forks)")
			.append((restOurs.forks() == 0) ? " (in the runner's JVM), " : ", ")
			.append(Format.count(restOurs.warmups(), "warm-up iteration"))
			.append(" (8 for `WebClient`, whose Reactor operators take longer to compile) and ")
			.append(Format.count(restOurs.iterations(), "measured iteration"))
			.append(" of ")
			.append(restOurs.iterationTime())
			.append(" each, `-prof gc`. Time is the mean ± the half-width of JMH's 99.9 % confidence interval; ")
			.append("B/op is `gc.alloc.rate.norm`, the bytes allocated per operation: exact within a fork, but ")
			.append("the JIT compiler inlines, and so removes allocations, a little differently in every fork, so ")
			.append("that the same code can show a few hundred bytes more or less in another run.\n\n");
		body.append("### Reading a valid token\n\n");
		MarkdownTable read = new MarkdownTable("operation", "ours, ns/op", "theirs, ns/op", "ours, B/op",
				"theirs, B/op");
		read.row("the token: `ConductorTokenManager.getToken()` / `OrkesAuthentication.getToken()`",
				Format.nanos(oursToken.nanos(), oursToken.error()),
				Format.nanos(theirsToken.nanos(), theirsToken.error()), Format.bytes(oursToken.bytes()),
				Format.bytes(theirsToken.bytes()));
		read.row(
				"what a request asks for: `getTokenIfValid()` (our WebClient filter, which waits through "
						+ "`getTokenAsync()` only without a valid token) / `HeaderSupplier.get(…)` "
						+ "(their client, once per request)",
				Format.nanos(oursAsync.nanos(), oursAsync.error()),
				Format.nanos(theirsHeaders.nanos(), theirsHeaders.error()), Format.bytes(oursAsync.bytes()),
				Format.bytes(theirsHeaders.bytes()));
		oursAlone(read, "the same from a manager built with `ConductorTokenManager.builder(ConductorTokenSource)` "
				+ "(a source in memory): `getToken()`", sourceToken);
		oursAlone(read, "the same from a manager built with a token source: `getTokenIfValid()`", sourceIfValid);
		body.append(read.render()).append('\n');
		compareTime(shortfalls, "Reading the token, ns/op", oursToken, theirsToken, Shortfalls.NO_DESIGN_REASON);
		compareBytes(shortfalls, "Reading the token, B/op", oursToken.bytes(), theirsToken.bytes(),
				Shortfalls.NO_DESIGN_REASON);
		compareTime(shortfalls, "What a request asks for, ns/op", oursAsync, theirsHeaders,
				Shortfalls.NO_DESIGN_REASON);
		compareBytes(shortfalls, "What a request asks for, B/op", oursAsync.bytes(), theirsHeaders.bytes(),
				Shortfalls.NO_DESIGN_REASON);

		body.append("### A whole request, answered in memory\n\n");
		body.append("A task poll through each client, whose transport answers 200 `[]` in memory: ")
			.append("a request factory for `RestClient`, an exchange function for `WebClient`, the last OkHttp ")
			.append("interceptor for the official client. Each client runs without authentication, with the least ")
			.append("any authentication costs it (an interceptor, filter or header supplier that puts a constant ")
			.append("header on), and with authentication. What authentication costs is the difference to the same ")
			.append("client without it; it splits into putting a header on at all, and the token logic.\n\n");
		Client rest = new Client(restPlain, restFixed, restOurs);
		Client web = new Client(webPlain, webFixed, webOurs);
		Client okHttp = new Client(officialPlain, officialFixed, officialOurs);
		Client official = new Client(officialPlain, officialFixed, officialAuth);
		MarkdownTable request = new MarkdownTable("", "ours: `RestClient` + `ConductorAuthInterceptor`",
				"ours: `WebClient` + `ConductorAuthExchangeFilter`",
				"ours: `ConductorClient` (OkHttp) + `ConductorAuthHeaderSupplier` + `ConductorAuthOkHttpInterceptor`",
				"theirs: `ConductorClient` (OkHttp) + `OrkesAuthentication` + `TokenRefreshInterceptor`");
		request.row("without authentication, ns/op", rest.plainNanos(), web.plainNanos(), okHttp.plainNanos(),
				official.plainNanos());
		request.row("with a constant header instead, ns/op", rest.fixedNanos(), web.fixedNanos(), okHttp.fixedNanos(),
				official.fixedNanos());
		request.row("with authentication, ns/op", rest.authNanos(), web.authNanos(), okHttp.authNanos(),
				official.authNanos());
		request.row("**authentication adds, ns/op**", rest.addedNanos(), web.addedNanos(), okHttp.addedNanos(),
				official.addedNanos());
		request.row("of which putting a header on", rest.headerNanos(), web.headerNanos(), okHttp.headerNanos(),
				official.headerNanos());
		request.row("of which the token logic", rest.logicNanos(), web.logicNanos(), okHttp.logicNanos(),
				official.logicNanos());
		request.row("without authentication, B/op", Format.bytes(restPlain.bytes()), Format.bytes(webPlain.bytes()),
				Format.bytes(officialPlain.bytes()), Format.bytes(officialPlain.bytes()));
		request.row("with a constant header instead, B/op", Format.bytes(restFixed.bytes()),
				Format.bytes(webFixed.bytes()), Format.bytes(officialFixed.bytes()),
				Format.bytes(officialFixed.bytes()));
		request.row("with authentication, B/op", Format.bytes(restOurs.bytes()), Format.bytes(webOurs.bytes()),
				Format.bytes(officialOurs.bytes()), Format.bytes(officialAuth.bytes()));
		request.row("**authentication adds, B/op**", Format.signedBytes(rest.addedBytes()),
				Format.signedBytes(web.addedBytes()), Format.signedBytes(okHttp.addedBytes()),
				Format.signedBytes(official.addedBytes()));
		request.row("of which putting a header on", Format.signedBytes(rest.headerBytes()),
				Format.signedBytes(web.headerBytes()), Format.signedBytes(okHttp.headerBytes()),
				Format.signedBytes(official.headerBytes()));
		request.row("of which the token logic", Format.signedBytes(rest.logicBytes()),
				Format.signedBytes(web.logicBytes()), Format.signedBytes(okHttp.logicBytes()),
				Format.signedBytes(official.logicBytes()));
		body.append(request.render()).append('\n');
		if (restBearer != null && webBearer != null) {
			body.append("With the token in OAuth2's shape instead of Conductor's, as for a server behind an OAuth2 ")
				.append("issuer or a gateway: `Authorization: Bearer <token>` (the header value made once per token), ")
				.append("rejections read by `TokenErrorDetector.bearerErrors(…)`.\n\n");
			MarkdownTable shapes = new MarkdownTable("ours, with authentication", "`RestClient`", "`WebClient`");
			shapes.row("`X-Authorization: <token>`, ns/op", Format.nanos(restOurs.nanos(), restOurs.error()),
					Format.nanos(webOurs.nanos(), webOurs.error()));
			shapes.row("`Authorization: Bearer <token>`, ns/op", Format.nanos(restBearer.nanos(), restBearer.error()),
					Format.nanos(webBearer.nanos(), webBearer.error()));
			shapes.row("`X-Authorization: <token>`, B/op", Format.bytes(restOurs.bytes()),
					Format.bytes(webOurs.bytes()));
			shapes.row("`Authorization: Bearer <token>`, B/op", Format.bytes(restBearer.bytes()),
					Format.bytes(webBearer.bytes()));
			body.append(shapes.render()).append('\n');
		}

		String restHeader = "Of the +" + Format.bytes(rest.addedBytes()) + " B that authentication adds to a "
				+ "`RestClient` request, +" + Format.bytes(rest.headerBytes())
				+ " B is what any `ClientHttpRequestInterceptor` that puts a constant header on costs in Spring: "
				+ "the interceptor chain (`InterceptingClientHttpRequest`) buffers the request into a request of its "
				+ "own with its own `HttpHeaders`, and copies every header into the real request, each under a "
				+ "lower-cased key in a new list. The token logic adds " + Format.signedBytes(rest.logicBytes())
				+ " B to that, of which our own steps (scope check, token read, status check) allocate 24 B, the "
				+ "thread-bound handoff through which a request factory of ours reports the redirects it left to "
				+ "the interceptor (measured with escape analysis off). The rest is Spring's own objects, which the "
				+ "JIT compiler removes for the one-line constant-header interceptor but, in most forks, not for any "
				+ "interceptor that does more (one that only checks the scope, or only reads the token, loses them "
				+ "too): the whole request compiles as one unit at the edge of the compiler's inlining budget. "
				+ "Design issue: an interceptor is what replaying a rejected request "
				+ "needs, and any interceptor brings in the chain; only a mode without replay could avoid it, putting "
				+ "the header on with a `ClientHttpRequestInitializer` and registering no interceptor at all (with "
				+ "an interceptor registered, Spring initializes the intercepting request and the chain's cost stays).";
		String webHeader = "Of the +" + Format.bytes(web.addedBytes()) + " B that authentication adds to a "
				+ "`WebClient` request, +" + Format.bytes(web.headerBytes())
				+ " B is what any `ExchangeFilterFunction` that puts a header on costs: `ClientRequest` is "
				+ "immutable, so the filter builds a new one (`ClientRequest.from(request)` copies headers, cookies "
				+ "and attributes). The token logic adds " + Format.signedBytes(web.logicBytes()) + " B: with a valid "
				+ "token at hand, the filter reads it without waiting (`getTokenIfValid()`), on subscription (a "
				+ "request subscribed to again goes with the token valid then), and takes the answer with one "
				+ "`flatMap`, through which it replays a token error and follows a redirect that its connector left "
				+ "to it; only without a valid token does it wait for one through a stage. Of that, our own "
				+ "objects (the deferred exchange, the `flatMap` and its subscriber) are about 120 B, measured "
				+ "with escape analysis off; the rest moves with the JIT compiler's inlining from fork to fork.";
		String okHttpReason = "Our OkHttp adapter decides the scope on the parts of the parsed `HttpUrl`, the path "
				+ "where it lies in the URL's text (`HttpUrl.encodedPath()` copies it on every call), reads the token, "
				+ "and passes on the request as it is when our header supplier (one header map per token) has already "
				+ "put the current token on; after the answer it checks the status and reports the token as accepted "
				+ "to the manager. Of its own it allocates nothing: what remains is OkHttp's copy of its interceptor "
				+ "chain, which any interceptor costs (theirs, `TokenRefreshInterceptor`, too).";
		compareAdded(shortfalls, "ConductorClient: authentication adds, ns/op", okHttp.added(), okHttp.addedError(),
				official.added(), official.addedError(), okHttpReason);
		compareBytes(shortfalls, "ConductorClient: authentication adds, B/op", okHttp.addedBytes(),
				official.addedBytes(), okHttpReason);
		compareAdded(shortfalls, "RestClient: authentication adds, ns/op", rest.added(), rest.addedError(),
				official.added(), official.addedError(), restHeader);
		compareAdded(shortfalls, "WebClient: authentication adds, ns/op", web.added(), web.addedError(),
				official.added(), official.addedError(), webHeader);
		compareBytes(shortfalls, "RestClient: authentication adds, B/op", rest.addedBytes(), official.addedBytes(),
				restHeader);
		compareBytes(shortfalls, "WebClient: authentication adds, B/op", web.addedBytes(), official.addedBytes(),
				webHeader);
		compareAdded(shortfalls, "RestClient: the token logic adds, ns/op", rest.logic(), rest.logicError(),
				official.logic(), official.logicError(), restHeader);
		compareAdded(shortfalls, "WebClient: the token logic adds, ns/op", web.logic(), web.logicError(),
				official.logic(), official.logicError(), webHeader);
		compareBytes(shortfalls, "RestClient: the token logic adds, B/op", rest.logicBytes(), official.logicBytes(),
				restHeader);
		compareBytes(shortfalls, "WebClient: the token logic adds, B/op", web.logicBytes(), official.logicBytes(),
				webHeader);

		String summary = "- **Steady state** (JMH, in memory): reading the token takes "
				+ Format.nanos(oursToken.nanos(), Double.NaN) + " ns and " + Format.bytes(oursToken.bytes())
				+ " B with ours, " + Format.nanos(theirsToken.nanos(), Double.NaN) + " ns and "
				+ Format.bytes(theirsToken.bytes()) + " B with theirs. On a whole request answered in memory, "
				+ "authentication adds " + rest.addedNanos() + " ns / " + Format.signedBytes(rest.addedBytes())
				+ " B (ours, RestClient), " + web.addedNanos() + " ns / " + Format.signedBytes(web.addedBytes())
				+ " B (ours, WebClient), " + okHttp.addedNanos() + " ns / " + Format.signedBytes(okHttp.addedBytes())
				+ " B (ours, in the official client's ConductorClient) and " + official.addedNanos() + " ns / "
				+ Format.signedBytes(official.addedBytes()) + " B (theirs), of which putting any header on at all "
				+ "costs " + Format.signedBytes(rest.headerBytes()) + " B (RestClient), "
				+ Format.signedBytes(web.headerBytes()) + " B (WebClient) and "
				+ Format.signedBytes(official.headerBytes()) + " B (ConductorClient).\n";
		return new Section(summary, body.toString());
	}

	/**
	 * A row of the token table that only ours has, when its benchmark ran.
	 */
	private static void oursAlone(MarkdownTable table, String operation, @Nullable Score ours) {
		if (ours != null) {
			table.row(operation, Format.nanos(ours.nanos(), ours.error()), "—", Format.bytes(ours.bytes()), "—");
		}
	}

	private static void compareTime(Shortfalls shortfalls, String row, Score ours, Score theirs, String reason) {
		shortfalls.lowerIsBetter(row, ours.nanos(), theirs.nanos(), TIME_RELATIVE, noise(ours.error(), theirs.error()),
				"ours " + Format.nanos(ours.nanos(), ours.error()) + " ns against theirs "
						+ Format.nanos(theirs.nanos(), theirs.error()) + " ns",
				reason);
	}

	private static void compareAdded(Shortfalls shortfalls, String row, double ours, double oursError, double theirs,
			double theirsError, String reason) {
		shortfalls.lowerIsBetter(row, ours, theirs, TIME_RELATIVE, noise(oursError, theirsError),
				"ours " + Format.signedNanos(ours) + " ns against theirs " + Format.signedNanos(theirs) + " ns",
				reason);
	}

	/**
	 * The confidence intervals of both figures: a difference within them is not one.
	 */
	private static double noise(double oursError, double theirsError) {
		return (Double.isNaN(oursError) ? 0 : oursError) + (Double.isNaN(theirsError) ? 0 : theirsError);
	}

	private static void compareBytes(Shortfalls shortfalls, String row, double ours, double theirs, String reason) {
		shortfalls.lowerIsBetter(row, ours, theirs, BYTES_RELATIVE, BYTES_ABSOLUTE,
				"ours " + Format.bytes(ours) + " B against theirs " + Format.bytes(theirs) + " B", reason);
	}

	/**
	 * One client's three benchmarks: without authentication, with a constant header, with
	 * authentication.
	 */
	private record Client(Score plain, Score fixed, Score auth) {

		double added() {
			return this.auth.nanos() - this.plain.nanos();
		}

		double addedError() {
			return noise(this.auth.error(), this.plain.error());
		}

		double logic() {
			return this.auth.nanos() - this.fixed.nanos();
		}

		double logicError() {
			return noise(this.auth.error(), this.fixed.error());
		}

		double addedBytes() {
			return this.auth.bytes() - this.plain.bytes();
		}

		double headerBytes() {
			return this.fixed.bytes() - this.plain.bytes();
		}

		double logicBytes() {
			return this.auth.bytes() - this.fixed.bytes();
		}

		String plainNanos() {
			return Format.nanos(this.plain.nanos(), this.plain.error());
		}

		String fixedNanos() {
			return Format.nanos(this.fixed.nanos(), this.fixed.error());
		}

		String authNanos() {
			return Format.nanos(this.auth.nanos(), this.auth.error());
		}

		String addedNanos() {
			return Format.signedNanos(added());
		}

		String headerNanos() {
			return Format.signedNanos(this.fixed.nanos() - this.plain.nanos());
		}

		String logicNanos() {
			return Format.signedNanos(logic());
		}

	}

}
