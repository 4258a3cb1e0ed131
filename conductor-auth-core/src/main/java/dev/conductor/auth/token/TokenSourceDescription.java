package dev.conductor.auth.token;

/**
 * How the manager names its token source in what it logs and throws: the Orkes token
 * endpoint in the words its users know (a 404 means "no security"), any other source by
 * its {@code toString()}, read once. Holds no secret, provided the source's
 * {@code toString()} holds none.
 */
final class TokenSourceDescription {

	private final String kind;

	private final String source;

	private final boolean orkes;

	private TokenSourceDescription(String kind, String source, boolean orkes) {
		this.kind = kind;
		this.source = source;
		this.orkes = orkes;
	}

	static TokenSourceDescription of(ConductorTokenSource source) {
		if (source instanceof OrkesTokenSource) {
			return new TokenSourceDescription("token endpoint", source.toString(), true);
		}
		String text;
		try {
			text = String.valueOf(source);
		}
		catch (RuntimeException ex) {
			// a source whose toString() throws is still a source
			text = source.getClass().getName();
		}
		return new TokenSourceDescription("token source", text, false);
	}

	/**
	 * What the source is, in a few words: {@code token endpoint} for the Orkes source,
	 * {@code token source} for any other.
	 */
	String kind() {
		return this.kind;
	}

	/**
	 * The source alone, as the manager's {@code toString()} names it.
	 */
	String source() {
		return this.source;
	}

	/**
	 * What it means that the source returned no token.
	 */
	String noToken() {
		return this.orkes ? "the server has no security" : "the token source returned no token";
	}

	/**
	 * The WARN logged once when the source returned no token.
	 */
	String unsecured() {
		if (this.orkes) {
			return this + " answered 404: the server has no security. "
					+ "Requests are sent without a token; set conductor.auth.enabled=false to turn this off.";
		}
		return this + " returned no token: requests go without one.";
	}

	/**
	 * Why a request that the server rejected after the source returned no token counts as
	 * a failed attempt.
	 */
	String rejectedWithoutToken() {
		return "The server rejected a request sent without a token: its " + this.kind + " " + this.source
				+ (this.orkes ? " had answered 404 (no security)" : " had returned no token")
				+ ", but its API wants a token";
	}

	@Override
	public String toString() {
		return "Conductor " + this.kind + " " + this.source;
	}

}
