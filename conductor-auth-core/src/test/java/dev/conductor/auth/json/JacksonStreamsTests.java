package dev.conductor.auth.json;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Jackson line picked by what the class path holds.
 */
class JacksonStreamsTests {

	@Test
	void prefersJackson3WhenBothLinesArePresent() {
		assertThat(JacksonStreams.select(getClass().getClassLoader(), JsonCodec.MAX_NESTING_DEPTH))
			.isInstanceOf(Jackson3Streams.class);
	}

	@Test
	void fallsBackToJackson2WithoutJackson3() {
		FilteredClassLoader withoutJackson3 = new FilteredClassLoader("tools.jackson.core");
		assertThat(JacksonStreams.select(withoutJackson3, JsonCodec.MAX_NESTING_DEPTH))
			.isInstanceOf(Jackson2Streams.class);
	}

	@Test
	void failsNamingBothArtifactsWithoutEither() {
		FilteredClassLoader withoutJackson = new FilteredClassLoader("tools.jackson.core",
				"com.fasterxml.jackson.core");
		assertThatIllegalStateException()
			.isThrownBy(() -> JacksonStreams.select(withoutJackson, JsonCodec.MAX_NESTING_DEPTH))
			.withMessageContaining("tools.jackson.core:jackson-core")
			.withMessageContaining("com.fasterxml.jackson.core:jackson-core");
	}

	@Test
	void theCodecPicksItsLineOnce() {
		assertThat(JsonCodec.get()).isSameAs(JsonCodec.get());
		assertThat(JsonCodec.get()).hasToString("JsonCodec on Jackson 3");
	}

}
